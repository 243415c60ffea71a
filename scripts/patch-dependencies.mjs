// Applies the project's edits to installed dependencies (ADR 0039), on `npm install`/`npm ci` (postinstall).
// Each edit replaces one exact piece of a pinned package's code and carries a marker, so running this again
// changes nothing. If the installed version is not the one an edit was written for, or its code is not found,
// the edit is skipped with a warning: the app stays correct without it, only slower, and
// scripts/patch-dependencies.test.ts fails so the edit gets ported.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const MARKER = "/* ax-demand patch (ADR 0039) */";

/**
 * React Router rebuilds per-build values on every request. The server answers a document with:
 * - the request handler collecting the route modules into a new object (`createEntryRouteModules`),
 * - `ServerRouter` turning the whole route manifest into React route objects (`createServerRoutes`),
 * - `createStaticRouter` converting those into data routes again,
 * - and ~4 URL matches (the request handler, the static handler, the partial manifest per parent path),
 *   each trying the ranked branches in order until one matches: for a static path, most of ~80 branches.
 * The first three depend only on the build, so they are kept per build. A match depends only on the
 * precomputed branches (an array that is replaced, never changed, when routes change), the path and
 * `allowPartial`, so the index of the winning branch is kept per branches array (at most 1,000 paths,
 * then forgotten); the match itself is still built fresh for each request.
 *
 * A client navigation's data carries each island of the page as one long string (ADR 0052: the screening
 * queue's rows are ~90 KB). React Router's encoding (its vendored turbo-stream) wrote that string's JSON,
 * joined it with the rest and encoded the whole in UTF-8, on every answer. The island is the same string
 * until the next commit, so its JSON (strings of 4,096+ characters, the last 32) and that JSON's bytes are
 * kept, and the data goes out in a few chunks: the same bytes, each answer with a copy of its own.
 */
const REACT_ROUTER = {
  name: "react-router",
  version: "7.18.4",
  files: { dirs: ["dist/development", "dist/production"], ending: ".mjs" },
  edits: [
    {
      what: "ServerRouter keeps the server routes per build",
      find: `function ServerRouter({
  context,
  url,
  nonce
}) {
  if (typeof url === "string") {
    url = new URL(url);
  }
  let { manifest, routeModules, criticalCss, serverHandoffString } = context;
  let routes = createServerRoutes(
    manifest.routes,
    routeModules,
    context.future,
    context.isSpaMode
  );`,
      replace: `${MARKER}
var serverRoutesByBuild = /* @__PURE__ */ new WeakMap();
function ServerRouter({
  context,
  url,
  nonce
}) {
  if (typeof url === "string") {
    url = new URL(url);
  }
  let { manifest, routeModules, criticalCss, serverHandoffString } = context;
  let byModules = serverRoutesByBuild.get(manifest.routes);
  if (!byModules) serverRoutesByBuild.set(manifest.routes, byModules = /* @__PURE__ */ new WeakMap());
  let routes = byModules.get(routeModules);
  if (!routes) byModules.set(routeModules, routes = createServerRoutes(
    manifest.routes,
    routeModules,
    context.future,
    context.isSpaMode
  ));`,
    },
    {
      what: "the request handler keeps the route modules per build",
      find: `function createEntryRouteModules(manifest) {
  return Object.keys(manifest).reduce((memo, routeId) => {`,
      replace: `${MARKER}
var entryRouteModulesByBuild = /* @__PURE__ */ new WeakMap();
function createEntryRouteModules(manifest) {
  let kept = entryRouteModulesByBuild.get(manifest);
  if (!kept) entryRouteModulesByBuild.set(manifest, kept = collectEntryRouteModules(manifest));
  return kept;
}
function collectEntryRouteModules(manifest) {
  return Object.keys(manifest).reduce((memo, routeId) => {`,
    },
    {
      what: "createStaticRouter keeps the data routes per route tree",
      find: `function createStaticRouter(routes, context, opts = {}) {
  let manifest = {};
  let dataRoutes = convertRoutesToDataRoutes(
    routes,
    mapRouteProperties,
    void 0,
    manifest
  );`,
      replace: `${MARKER}
var staticDataRoutes = /* @__PURE__ */ new WeakMap();
function createStaticRouter(routes, context, opts = {}) {
  let kept = staticDataRoutes.get(routes);
  if (!kept) {
    let manifest2 = {};
    kept = { manifest: manifest2, dataRoutes: convertRoutesToDataRoutes(routes, mapRouteProperties, void 0, manifest2) };
    staticDataRoutes.set(routes, kept);
  }
  let { manifest, dataRoutes } = kept;`,
    },
    {
      what: "matchRoutesImpl remembers which precomputed branch a path matched",
      find: `function matchRoutesImpl(routes, locationArg, basename, allowPartial, precomputedBranches) {
  let location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
  let pathname = stripBasename(location.pathname || "/", basename);
  if (pathname == null) {
    return null;
  }
  let branches = precomputedBranches ?? flattenAndRankRoutes(routes);
  let matches = null;
  let decoded = decodePath(pathname);
  for (let i = 0; matches == null && i < branches.length; ++i) {
    matches = matchRouteBranch(
      branches[i],
      decoded,
      allowPartial
    );
  }
  return matches;
}`,
      replace: `${MARKER}
var winningBranches = /* @__PURE__ */ new WeakMap();
function matchRoutesImpl(routes, locationArg, basename, allowPartial, precomputedBranches) {
  let location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
  let pathname = stripBasename(location.pathname || "/", basename);
  if (pathname == null) {
    return null;
  }
  let branches = precomputedBranches ?? flattenAndRankRoutes(routes);
  let matches = null;
  let decoded = decodePath(pathname);
  let winners = precomputedBranches && decoded.length <= 512 ? winningBranches.get(branches) : void 0;
  if (precomputedBranches && decoded.length <= 512 && !winners) winningBranches.set(branches, winners = /* @__PURE__ */ new Map());
  let key = (allowPartial ? "p" : "e") + decoded;
  let known = winners?.get(key);
  if (known !== void 0) return known < 0 ? null : matchRouteBranch(branches[known], decoded, allowPartial);
  let i = 0;
  for (; matches == null && i < branches.length; ++i) {
    matches = matchRouteBranch(
      branches[i],
      decoded,
      allowPartial
    );
  }
  if (winners) {
    if (winners.size >= 1e3) winners.clear();
    winners.set(key, matches == null ? -1 : i - 1);
  }
  return matches;
}`,
    },
    {
      what: "the data of a client navigation writes a long string's JSON once",
      find: `      case "boolean":
      case "number":
      case "string":
        str[index] = JSON.stringify(input);
        break;`,
      replace: `      case "boolean":
      case "number":
        str[index] = JSON.stringify(input);
        break;
      case "string":
        ${MARKER}
        str[index] = 4096 > input.length ? JSON.stringify(input) : longStringJson(input);
        break;`,
    },
    {
      what: "the data of a client navigation keeps long strings' JSON",
      find: `async function stringify(stack) {
  const { deferred, indices, plugins, postPlugins } = this;`,
      replace: `${MARKER}
var longStringsJson = new Map();
function longStringJson(input) {
  var json = longStringsJson.get(input);
  if (json === void 0) 32 <= longStringsJson.size && longStringsJson.clear(), (json = JSON.stringify(input)), longStringsJson.set(input, json);
  return json;
}
var longStringsBytes = new Map();
function enqueueEncoded(controller, textEncoder, parts) {
  // "[" + parts.join(",") + "]\\n" in UTF-8, as React Router writes it, each long string's JSON (a part that
  // starts with a quote) encoded once: the same bytes, in a few chunks
  var text = "[";
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i];
    if (0 < i) text += ",";
    if (4096 > part.length || 34 !== part.charCodeAt(0)) {
      text += part;
      continue;
    }
    var bytes = longStringsBytes.get(part);
    if (void 0 === bytes) 32 <= longStringsBytes.size && longStringsBytes.clear(), (bytes = textEncoder.encode(part)), longStringsBytes.set(part, bytes);
    controller.enqueue(textEncoder.encode(text));
    text = "";
    controller.enqueue(bytes.slice()); // this answer's own copy: a stream may take (detach) what it is given
  }
  controller.enqueue(textEncoder.encode(text + "]\\n"));
}
async function stringify(stack) {
  const { deferred, indices, plugins, postPlugins } = this;`,
    },
    {
      what: "the data of a client navigation encodes a long string's JSON once",
      find: `      } else {
        controller.enqueue(
          textEncoder.encode(\`[\${encoder.stringified.join(",")}]
\`)
        );
        lastSentIndex = encoder.stringified.length - 1;
      }`,
      replace: `      } else {
        ${MARKER}
        enqueueEncoded(controller, textEncoder, encoder.stringified);
        lastSentIndex = encoder.stringified.length - 1;
      }`,
    },
  ],
};

/**
 * React's server renderer (the build Node loads in production) writes a page as thousands of small
 * chunks: a list page of 50 rows is ~4,400 per answer, ~2,900 of them precomputed markup of 1–8 bytes
 * (`<`, `="`, `</td>`) and ~1,400 short strings (names, values, words). Each one was copied into the
 * 4 KB output buffer with `TypedArray#set` or `TextEncoder#encodeInto` on a fresh `subarray`, which
 * costs far more than the bytes. Short chunks that fit are now copied/encoded in a plain loop; every
 * other chunk (long, binary over 32 bytes, a string with a surrogate, or one that does not fit) takes
 * React's own path unchanged.
 *
 * A long inner HTML (an island of HTML rendered ahead, ADR 0052: the screening queue's rows are ~90 KB,
 * mostly Korean) was measured for its UTF-8 length and then encoded on every answer, two passes over
 * the whole text (~0.15 ms). The same HTML is kept and shown again until the next commit, so its bytes
 * are now kept too (strings of 4,096+ characters, the last 32 seen), and each render gets a copy of them.
 * The bytes written are the same (scripts/patch-dependencies.test.ts).
 */
const REACT_DOM = {
  name: "react-dom",
  version: "19.3.1",
  files: { paths: ["cjs/react-dom-server.node.production.js"] },
  edits: [
    {
      what: "the server renderer copies short text itself",
      find: `function writeChunk(destination, chunk) {
  if ("string" === typeof chunk) {
    if (0 !== chunk.length)`,
      replace: `${MARKER}
function writeChunk(destination, chunk) {
  if ("string" === typeof chunk) {
    if (64 > chunk.length && 4096 >= writtenBytes + 3 * chunk.length) {
      for (var view = currentView, at = writtenBytes, length = chunk.length, i = 0; i < length; i++) {
        var code = chunk.charCodeAt(i);
        if (128 > code) view[at++] = code;
        else if (2048 > code) (view[at++] = 192 | (code >> 6)), (view[at++] = 128 | (code & 63));
        else if (55296 <= code && 57343 >= code) break; // a surrogate: React's path below encodes the chunk
        else (view[at++] = 224 | (code >> 12)), (view[at++] = 128 | ((code >> 6) & 63)), (view[at++] = 128 | (code & 63));
      }
      if (i === length) {
        writtenBytes = at;
        4096 === writtenBytes && (writeToDestination(destination, currentView), (currentView = new Uint8Array(4096)), (writtenBytes = 0));
        return;
      }
    }
    if (0 !== chunk.length)`,
    },
    {
      what: "the server renderer encodes a long inner HTML once",
      find: `    innerHTML = innerHTML.__html;
    null !== innerHTML && void 0 !== innerHTML && target.push("" + innerHTML);
  }
}`,
      replace: `    innerHTML = innerHTML.__html;
    null !== innerHTML && void 0 !== innerHTML && target.push(innerHTMLChunk("" + innerHTML));
  }
}
${MARKER}
var innerHTMLBytes = new Map();
function innerHTMLChunk(html) {
  if (4096 > html.length) return html;
  var bytes = innerHTMLBytes.get(html);
  if (void 0 === bytes) 32 <= innerHTMLBytes.size && innerHTMLBytes.clear(), (bytes = textEncoder.encode(html)), innerHTMLBytes.set(html, bytes);
  return bytes.slice(); // this render's own copy: a stream may take (detach) what it is given
}`,
    },
    {
      what: "the server renderer copies short markup itself",
      find: `  } else if (0 === chunk.byteLength) {
    if (supportsArrayBufferDetached && chunk.buffer.detached)`,
      replace: `  } else if (32 >= chunk.byteLength && 0 !== chunk.byteLength && 4096 >= writtenBytes + chunk.byteLength) {
    ${MARKER}
    for (var into = currentView, to = writtenBytes, size = chunk.byteLength, j = 0; j < size; j++) into[to++] = chunk[j];
    writtenBytes = to;
    4096 === writtenBytes && (writeToDestination(destination, currentView), (currentView = new Uint8Array(4096)), (writtenBytes = 0));
  } else if (0 === chunk.byteLength) {
    if (supportsArrayBufferDetached && chunk.buffer.detached)`,
    },
  ],
};

/**
 * Conform's field metadata is a proxy that builds a whole new metadata object, itself a proxy, on every
 * property read: \`getInputProps\` reads about fifteen properties of a field, so a form of six fields made
 * about a hundred such objects per render (Conform was 14 % of the meeting list's server CPU). Each field's
 * and the form's proxy now keeps the metadata object it built while the form's state and id are the
 * same. That object only reads the state it was built from, so what every read returns, and which state
 * a render subscribes to, is unchanged (scripts/patch-dependencies.test.ts).
 *
 * On the server a form still cost about 60 µs (a form of five fields 170 µs):
 * - every read of a field's state copied the render's subscriptions into a new object and a new list
 *   (`updateSubjectRef`), so a render is re-run only for what it read. The server renders a form once and
 *   never again: there, with no document, nothing is recorded;
 * - \`getInputProps\` and its kin took out the attributes left undefined with \`delete\`, which turns
 *   each props object into a slow dictionary for React to read. They are now copied into a new object
 *   without them: the same attributes in the same order.
 * A form of one field: 60 → 46 µs; of five: 173 → 119 µs.
 */
/**
 * Babel's \`_objectSpread2\` (Conform's \`{ ...a, b }\`, about thirty times per form on the server) copied an
 * object literal's properties with \`Object.defineProperties\`, which leaves the new object a slow
 * dictionary for everything that reads it after (React reads every prop of every field). It now assigns
 * each property that is plain data (writable, enumerable, configurable) and not already on the object or
 * its prototypes, and defines the others as before: the same properties with the same attributes, in the
 * same order (scripts/patch-dependencies.test.ts). A spread of a literal: 1.7 → 0.6 µs.
 */
const OBJECT_SPREAD = {
  what: "an object literal's plain properties are assigned in a spread, not defined",
  find: `    r % 2 ? ownKeys(Object(t), !0).forEach(function (r) {
      _defineProperty(e, r, t[r]);
    }) : Object.getOwnPropertyDescriptors ? Object.defineProperties(e, Object.getOwnPropertyDescriptors(t)) : ownKeys(Object(t)).forEach(function (r) {
      Object.defineProperty(e, r, Object.getOwnPropertyDescriptor(t, r));
    });`,
  replace: `    ${MARKER}
    if (r % 2) ownKeys(Object(t), !0).forEach(function (r) {
      _defineProperty(e, r, t[r]);
    });
    else for (var k = Reflect.ownKeys(Object(t)), i = 0; i < k.length; i++) {
      var d = Object.getOwnPropertyDescriptor(t, k[i]);
      "value" in d && d.writable && d.enumerable && d.configurable && !(k[i] in e) ? (e[k[i]] = d.value) : Object.defineProperty(e, k[i], d);
    }`,
};

const CONFORM = {
  name: "@conform-to/react",
  version: "1.21.1",
  files: {
    paths: [
      "dist/context.mjs",
      "dist/context.js",
      "dist/helpers.mjs",
      "dist/helpers.js",
      "dist/_virtual/_rollupPluginBabelHelpers.mjs",
      "dist/_virtual/_rollupPluginBabelHelpers.js",
    ],
  },
  edits: [
    {
      what: "a field's metadata is built once per form state",
      find: `  return new Proxy({}, {
    get(_, key, receiver) {
      var _state$constraint$nam;
      var metadata = getMetadata(context, subjectRef, stateSnapshot, name);
      var state = context.getState();`,
      replace: `  ${MARKER}
  var builtFor, builtId, built;
  return new Proxy({}, {
    get(_, key, receiver) {
      var _state$constraint$nam;
      var state = context.getState();
      if (builtFor !== state || builtId !== context.getFormId()) built = getMetadata(context, subjectRef, stateSnapshot, name), builtFor = state, builtId = context.getFormId();
      var metadata = built;`,
    },
    {
      what: "the form's metadata is built once per form state",
      find: `  return new Proxy({}, {
    get(_, key, receiver) {
      var metadata = getMetadata(context, subjectRef, stateSnapshot);
      var state = context.getState();`,
      replace: `  ${MARKER}
  var builtFor, builtId, built;
  return new Proxy({}, {
    get(_, key, receiver) {
      var state = context.getState();
      if (builtFor !== state || builtId !== context.getFormId()) built = getMetadata(context, subjectRef, stateSnapshot), builtFor = state, builtId = context.getFormId();
      var metadata = built;`,
    },
    {
      what: "the server records no subscriptions (it renders a form once)",
      find: `function updateSubjectRef(ref, subject, scope, name) {
  if (subject === 'status' || subject === 'formId' || subject === 'pendingIntents') {`,
      replace: `function updateSubjectRef(ref, subject, scope, name) {
  ${MARKER}
  if (typeof document === 'undefined') return;
  if (subject === 'status' || subject === 'formId' || subject === 'pendingIntents') {`,
    },
    {
      what: "props without their undefined attributes are a new object, not one with deletions",
      find: `function simplify(props) {
  for (var key in props) {
    if (props[key] === undefined) {
      delete props[key];
    }
  }
  return props;
}`,
      replace: `function simplify(props) {
  ${MARKER}
  var result = {};
  for (var key in props) {
    if (props[key] !== undefined) {
      result[key] = props[key];
    }
  }
  return result;
}`,
    },
    OBJECT_SPREAD,
  ],
};

/** Conform's DOM half (its form state) has its own copy of Babel's helper. */
const CONFORM_DOM = {
  name: "@conform-to/dom",
  version: "1.21.1",
  files: { paths: ["dist/_virtual/_rollupPluginBabelHelpers.mjs", "dist/_virtual/_rollupPluginBabelHelpers.js"] },
  edits: [OBJECT_SPREAD],
};

export const PATCHES = [REACT_ROUTER, REACT_DOM, CONFORM, CONFORM_DOM];
export { MARKER };

/** The installed files `patch` edits under `root`: its named files, or every file of its folders with the given ending. */
export function patchFiles(patch, root = process.cwd()) {
  const base = path.join(root, "node_modules", patch.name);
  const { paths = [], dirs = [], ending = "" } = patch.files;
  return [
    ...paths.map((file) => path.join(base, file)).filter((file) => existsSync(file)),
    ...dirs.flatMap((dir) =>
      existsSync(path.join(base, dir))
        ? readdirSync(path.join(base, dir))
            .filter((f) => f.endsWith(ending))
            .map((f) => path.join(base, dir, f))
        : [],
    ),
  ];
}

/** Applies `patch` under `root` (the project); returns what it did, one line per edit. */
export function applyPatch(patch, root = process.cwd()) {
  const base = path.join(root, "node_modules", patch.name);
  const manifest = path.join(base, "package.json");
  if (!existsSync(manifest)) return [`${patch.name}: not installed`];
  const { version } = JSON.parse(readFileSync(manifest, "utf8"));
  if (version !== patch.version) return [`WARNING ${patch.name}: ${version} installed, the edits are for ${patch.version}: not applied (ADR 0039)`];
  const files = patchFiles(patch, root);
  const report = [];
  for (const edit of patch.edits) {
    let done = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (text.includes(edit.replace)) {
        done++;
        continue;
      }
      const at = text.indexOf(edit.find);
      if (at < 0) continue;
      if (text.indexOf(edit.find, at + 1) >= 0) throw new Error(`${file}: "${edit.what}" found twice`);
      writeFileSync(file, text.slice(0, at) + edit.replace + text.slice(at + edit.find.length));
      done++;
    }
    report.push(done > 0 ? `${patch.name}: ${edit.what} (${done} files)` : `WARNING ${patch.name}: ${edit.what}: code not found, not applied (ADR 0039)`);
  }
  return report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  for (const patch of PATCHES) for (const line of applyPatch(patch, project)) console.log(`[patch-dependencies] ${line}`);
}
