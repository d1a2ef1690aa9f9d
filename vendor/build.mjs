// Bundle vis-timeline and vis-network for the offline site (kg/static/vendor/).
//
// The packages' "standalone" builds carry core-js polyfills for old browsers, evaluated
// before a page can draw (docs/performance.md has the figures). Their "esnext" builds leave
// the dependencies out; here they are bundled with those dependencies, as the one global
// `vis` with only what the pages use.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "kg", "static", "vendor");
const version = (name) =>
  JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8")).version;
const LICENSE = "dual licensed Apache-2.0 OR MIT";

const bundles = [
  {
    folder: "vis-timeline",
    file: "vis-timeline-graph2d.min.js",
    entry: [
      'export { Timeline } from "vis-timeline/esnext/esm/vis-timeline-graph2d.mjs";',
      'export { DataSet } from "vis-data/esnext/esm/vis-data.js";',
    ],
    styles: [["vis-timeline/styles/vis-timeline-graph2d.min.css", "vis-timeline-graph2d.min.css"]],
    licenses: [
      ["vis-timeline/LICENSE.Apache-2.0.txt", "LICENSE.Apache-2.0.txt"],
      ["vis-timeline/LICENSE.MIT.txt", "LICENSE.MIT.txt"],
      ["vis-timeline/LICENSE.md", "LICENSE.md"],
    ],
    packages: ["vis-timeline", "vis-data", "vis-util", "moment", "@egjs/hammerjs",
               "propagating-hammerjs", "component-emitter", "keycharm", "uuid", "xss"],
  },
  {
    folder: "vis-network",
    file: "vis-network.min.js",
    entry: [
      'export { Network } from "vis-network/esnext/esm/vis-network.mjs";',
      'export { DataSet } from "vis-data/esnext/esm/vis-data.js";',
    ],
    styles: [],  // its stylesheet styles the configurator and navigation buttons (unused)
    licenses: [
      ["vis-network/LICENSE-APACHE-2.0", "LICENSE.Apache-2.0.txt"],
      ["vis-network/LICENSE-MIT", "LICENSE.MIT.txt"],
    ],
    packages: ["vis-network", "vis-data", "vis-util", "component-emitter", "keycharm", "uuid"],
  },
];

for (const bundle of bundles) {
  const folder = join(target, bundle.folder);
  mkdirSync(folder, { recursive: true });
  const what = bundle.packages.map((name) => `${name} ${version(name)}`).join(", ");
  await build({
    stdin: { contents: bundle.entry.join("\n"), resolveDir: here, loader: "js" },
    bundle: true,
    minify: true,
    format: "iife",
    globalName: "vis",
    target: "es2020",
    legalComments: "eof",
    // moment's CommonJS build tries require("./locale/…") for every locale it is asked for;
    // in a bundle that throws, and the error's stack trace makes V8 re-parse the whole bundle
    // for source positions before the first chart can draw. Its ES module build does not try.
    alias: { moment: "moment/dist/moment.js" },
    banner: { js: `/* ${bundle.file}: ${what}; esnext builds bundled by vendor/build.mjs */` },
    outfile: join(folder, bundle.file),
  });
  for (const [from, to] of [...bundle.styles, ...bundle.licenses]) {
    copyFileSync(join(here, "node_modules", from), join(folder, to));
  }
  writeFileSync(
    join(folder, "SOURCE.txt"),
    `${bundle.file}: the esnext builds of ${what}, from the npm registry, ` +
      `bundled by vendor/build.mjs (npm ci && npm run build); ${bundle.folder} is ${LICENSE}; ` +
      "each bundled package's licence is kept at the end of the file.\n",
  );
  console.log(`${bundle.folder}/${bundle.file}: ${what}`);
}
