// Answers SPARQL queries with Apache Jena ARQ over one in-memory dataset, for tests/servers.py.
// Loading the data and starting the JVM take seconds: this runs once per test session and
// reads queries one after another. Each request is one line on stdin, the path of a file
// with the query; the answer is written beside it as PATH.srj (SPARQL results JSON) and the
// line "ok" or "error <message>" goes to stdout.
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;

public class JenaRunner {
    public static void main(String[] files) throws Exception {
        Dataset dataset = DatasetFactory.create();
        for (String file : files) {
            RDFDataMgr.read(dataset, file);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            try {
                String text = Files.readString(Path.of(line), StandardCharsets.UTF_8);
                Query query = QueryFactory.create(text);
                try (QueryExecution exec = QueryExecutionFactory.create(query, dataset);
                     OutputStream out = new FileOutputStream(line + ".srj")) {
                    if (query.isAskType()) {
                        ResultSetFormatter.outputAsJSON(out, exec.execAsk());
                    } else {
                        ResultSetFormatter.outputAsJSON(out, exec.execSelect());
                    }
                }
                System.out.println("ok");
            } catch (Exception error) {
                System.out.println("error " + String.valueOf(error.getMessage()).replace('\n', ' '));
            }
            System.out.flush();
        }
    }
}
