/* The query page of `kg serve`: YASGUI on our /sparql, with the named queries as examples.
   Everything it loads comes from this server; the autocompleters that would ask
   lov.linkeddata.es are switched off. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kgq-data").textContent);
  var t = data.strings;
  var byName = {};
  data.queries.forEach(function (q) { byName[q.name] = q; });

  var endpoint = new URL("sparql", window.location.href).href;
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: []
    },
    copyEndpointOnNewTab: true,
    persistenceId: null
  });

  var pick = document.getElementById("kgq-pick");
  var form = document.getElementById("kgq-params");
  var description = document.getElementById("kgq-description");
  var link = document.getElementById("kgq-link");
  var status = document.getElementById("kgq-status");

  function input(param) {
    var field;
    if (param.type === "boolean" || param.type === "lang") {
      field = document.createElement("select");
      var options = param.type === "lang" ? data.languages : ["", "true", "false"];
      options.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value || "—";
        field.appendChild(option);
      });
    } else {
      field = document.createElement("input");
      field.type = param.type === "date" ? "date" : param.type === "integer" ? "number" : "text";
    }
    var value = param.default || "";
    if (param.type === "lang") value = data.lang;
    if (!value && param.required && param.type === "date") {
      value = new Date().toISOString().slice(0, 10);
    }
    field.value = value;
    field.name = param.name;
    field.id = "kgq-param-" + param.name;
    if (param.required) field.required = true;
    return field;
  }

  function showQuery() {
    var q = byName[pick.value];
    description.textContent = q.description;
    form.textContent = "";
    q.params.forEach(function (param) {
      var label = document.createElement("label");
      label.htmlFor = "kgq-param-" + param.name;
      label.textContent = param.name + " (" + param.type + (param.required ? ", " + t.required : "") + ")";
      label.title = param.help;
      var wrap = document.createElement("span");
      wrap.className = "kgq-param";
      wrap.appendChild(label);
      wrap.appendChild(input(param));
      form.appendChild(wrap);
    });
    updateLink();
  }

  function parameters() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value !== "") params.append(field.name, field.value);
    });
    return params;
  }

  function updateLink() {
    var params = parameters();
    params.set("format", "csv");
    link.href = "queries/" + encodeURIComponent(pick.value) + "?" + params.toString();
  }

  function run() {
    status.textContent = t.running;
    status.className = "kgq-status";
    fetch("queries/" + encodeURIComponent(pick.value) + ".rq?" + parameters().toString())
      .then(function (response) {
        return response.text().then(function (text) {
          if (!response.ok) throw new Error(text);
          return text;
        });
      })
      .then(function (text) {
        var tab = yasgui.getTab();
        tab.setQuery(text);
        watch(tab);
        return tab.query();
      })
      .catch(function (error) {
        status.textContent = t.failed + ": " + error.message;
        status.className = "kgq-status kgq-error";
      });
  }

  var watched = new WeakSet();
  function watch(tab) {
    var yasqe = tab.getYasqe();
    if (watched.has(yasqe)) return;
    watched.add(yasqe);
    yasqe.on("queryResponse", function () {
      // the listener's arguments differ between YASQE versions: find the response and the time
      var args = Array.prototype.slice.call(arguments);
      var response = args.filter(function (a) { return a && a.headers && a.headers.get; })[0];
      var duration = args.filter(function (a) { return typeof a === "number"; })[0];
      if (!response) {
        status.textContent = "";
        return;
      }
      var rows = "";
      try {
        var json = JSON.parse(response.content);
        rows = json.results ? json.results.bindings.length : "";
      } catch (e) { rows = ""; }
      var message = response.ok ? t.done.replace("{rows}", rows).replace("{ms}", duration) : "";
      if (response.headers.get("X-Result-Truncated") === "true") {
        message += " " + t.truncated.replace("{limit}", response.headers.get("X-Result-Limit"));
      }
      status.textContent = message;
      status.className = "kgq-status";
    });
  }

  pick.addEventListener("change", showQuery);
  form.addEventListener("input", updateLink);
  form.addEventListener("change", updateLink);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  document.getElementById("kgq-run").addEventListener("click", run);
  yasgui.on("tabSelect", function () { status.textContent = ""; });
  watch(yasgui.getTab());
  showQuery();
})();
