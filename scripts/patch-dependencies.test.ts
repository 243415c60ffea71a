import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { RouteObject } from "react-router";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { MARKER, PATCHES, applyPatch, patchFiles, type Patch } from "./patch-dependencies.mjs";

const reactDom = PATCHES.find((p) => p.name === "react-dom") as Patch;
const reactRouter = PATCHES.find((p) => p.name === "react-router") as Patch;

/** The installed files of `patch`'s package that it edits, by path, as text. */
function installed(patch: Patch, root = process.cwd()) {
  return new Map(patchFiles(patch, root).map((file) => [file, readFileSync(file, "utf8")]));
}

/** A CommonJS module compiled from `source` as if it were the installed `file` (it resolves what that file resolves). */
function compiledAs<T>(file: string, source: string): T {
  const m = new Module(file);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  (m as unknown as { _compile(code: string, filename: string): void })._compile(source, file);
  return m.exports as T;
}

/** `text` with every edit of `patch` undone: the package's own code. */
function original(patch: Patch, text: string) {
  for (const edit of patch.edits) text = text.replace(edit.replace, edit.find);
  return text;
}

describe.each(PATCHES.map((patch) => [patch.name, patch] as const))("the edits to %s (ADR 0039)", (name, patch) => {
  it("are applied to the installed package, and applying them again changes nothing", () => {
    const before = installed(patch);
    expect(before.size).toBeGreaterThan(0);
    const report = applyPatch(patch);
    expect(
      report.filter((line) => line.startsWith("WARNING")),
      report.join("\n"),
    ).toEqual([]);
    expect(report).toHaveLength(patch.edits.length);
    expect(installed(patch)).toEqual(before);
    // the build Node loads has every edit: React Router's dist/development ("exports" point there),
    // React DOM's production server renderer
    const loaded = [...before].filter(([file]) => name !== "react-router" || file.includes(`${path.sep}development${path.sep}`)).map(([, text]) => text);
    for (const edit of patch.edits)
      expect(
        loaded.some((text) => text.includes(edit.replace)),
        edit.what,
      ).toBe(true);
  });

  it("apply to a clean copy exactly once, and skip with a warning another version or code that moved", () => {
    const root = mkdtempSync(path.join(tmpdir(), "ax-patch-"));
    const target = path.join(root, "node_modules", name);
    mkdirSync(target, { recursive: true });
    cpSync(path.resolve("node_modules", name, "package.json"), path.join(target, "package.json"));
    for (const [file, text] of installed(patch)) {
      const copy = path.join(target, path.relative(path.resolve("node_modules", name), file));
      mkdirSync(path.dirname(copy), { recursive: true });
      const code = original(patch, text);
      expect(code).not.toContain(MARKER);
      writeFileSync(copy, code);
    }
    expect(applyPatch(patch, root).some((line) => line.startsWith("WARNING"))).toBe(false);
    const once = installed(patch, root);
    expect(once.size).toBe(installed(patch).size);
    applyPatch(patch, root);
    expect(installed(patch, root)).toEqual(once);
    for (const text of once.values()) for (const edit of patch.edits) expect(text.split(edit.replace).length).toBeLessThanOrEqual(2);

    expect(applyPatch({ ...patch, version: "0.0.1" }, root)).toEqual([
      expect.stringMatching(new RegExp(`^WARNING ${name}: .* installed, the edits are for 0\\.0\\.1: not applied`)),
    ]);
    const moved = {
      ...patch,
      edits: [{ what: "an edit whose code is gone", find: "function noSuchFunction() {", replace: `${MARKER} function noSuchFunction() {` }],
    };
    expect(applyPatch(moved, root)).toEqual([`WARNING ${name}: an edit whose code is gone: code not found, not applied (ADR 0039)`]);
  });
});

describe("the server renderer with short chunks copied by hand", () => {
  type Server = typeof import("react-dom/server");
  const requireHere = createRequire(path.resolve("package.json"));
  const React = requireHere("react") as typeof import("react");
  const [file] = patchFiles(reactDom);

  it("edits the renderer Node loads for react-dom/server in production", () => {
    const loaded = execFileSync(
      process.execPath,
      ["-e", 'require("react-dom/server"); console.log(Object.keys(require.cache).find((f) => f.includes("react-dom-server.node")))'],
      {
        encoding: "utf8",
        env: { ...process.env, NODE_ENV: "production" },
      },
    ).trim();
    expect(loaded).toBe(file);
  });

  /** The renderer compiled from `source` as if it were `file` (so it finds the same React). */
  const load = (source: string) => compiledAs<Server>(file, source);
  const editedSource = readFileSync(file, "utf8");
  const untouchedSource = original(reactDom, editedSource);
  const edited = load(editedSource);
  const untouched = load(untouchedSource);

  /** The bytes `server` writes for `element`, as a Node stream receives them. */
  function render(server: Server, element: React.ReactNode) {
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(Buffer.from(chunk));
          done();
        },
        final(done) {
          resolve(Buffer.concat(chunks));
          done();
        },
      });
      const { pipe } = server.renderToPipeableStream(element, { onAllReady: () => pipe(sink), onShellError: reject, onError: reject });
    });
  }

  // every kind of text the fast path meets or leaves: ASCII, 2-byte (é, ß), Korean (3 bytes), emoji and
  // U+10FFFF (surrogate pairs), lone surrogates, escaped characters, empty; lengths around the
  // 64-character limit; and enough of it to end the 4 KB buffer at every offset
  const PIECES = [
    "a",
    "é",
    "ß",
    "한",
    "검토 대기",
    "😀",
    "\u{10FFFF}",
    "\uD800",
    "\uDFFF",
    "<&\"'>",
    "",
    "x".repeat(63),
    "y".repeat(64),
    "가".repeat(21),
    "가".repeat(22),
    "z".repeat(1_400),
  ];
  const SHORT = PIECES.filter((p) => p.length < 8);
  // each piece alone, then short ones two and three at a time
  const text = (i: number) =>
    i % 3 === 0 ? PIECES[(i / 3) % PIECES.length] : Array.from({ length: 1 + (i % 3) }, (_, k) => SHORT[(i * 5 + k * 7) % SHORT.length]).join(i % 2 ? "" : " ");
  const page = (n: number, seed: number) =>
    React.createElement(
      "html",
      { lang: "ko" },
      React.createElement(
        "body",
        null,
        React.createElement(
          "table",
          null,
          React.createElement(
            "tbody",
            null,
            Array.from({ length: n }, (_, i) =>
              React.createElement(
                "tr",
                { key: i, className: text(i + seed), "data-row": i },
                React.createElement("td", { title: text(i + seed + 1) }, text(i + seed + 2)),
                React.createElement("td", null, i, text(i + seed + 3), React.createElement("a", { href: `/requests/${text(i + seed)}` }, text(i + seed + 4))),
              ),
            ),
          ),
        ),
      ),
    );

  it("writes the same bytes as React's own code", async () => {
    expect(editedSource).toContain(MARKER);
    expect(untouchedSource, "every edit undone").not.toContain(MARKER);
    for (const [n, seed] of [
      [1, 0],
      [50, 1],
      [400, 2],
      [1_500, 3],
    ]) {
      const [ours, react] = await Promise.all([render(edited, page(n, seed)), render(untouched, page(n, seed))]);
      expect(ours.length).toBeGreaterThan(0);
      expect(ours.equals(react), `${n} rows: the bytes differ`).toBe(true);
    }
    // and what React wrote is the text itself, in UTF-8 (the lone surrogate as U+FFFD)
    const html = (await render(edited, React.createElement("p", null, "검토 😀 é \uD800 <"))).toString("utf8");
    expect(html).toContain("<p>검토 😀 é \uFFFD &lt;</p>");
  });

  it("writes a long inner HTML as React does, again and again, each answer with bytes of its own", async () => {
    expect(editedSource).toContain("innerHTMLChunk");
    // around the 4,096-character limit, Korean, surrogate pairs, a lone surrogate; then more strings than it keeps
    const islands = [
      "a".repeat(4_095),
      "b".repeat(4_096),
      `<tr><td>${"검토 대기 ".repeat(9_000)}</td></tr>`,
      `<p>${"😀é".repeat(3_000)}\uD800</p>`,
      ...Array.from({ length: 40 }, (_, i) => `<li>${i} ${"가나다".repeat(1_500 + i)}</li>`),
    ];
    const view = (island: string) =>
      React.createElement(
        "html",
        null,
        React.createElement("body", null, React.createElement("p", null, "앞"), React.createElement("div", { dangerouslySetInnerHTML: { __html: island } })),
      );
    /** renders as `render` does, then spoils every byte it was handed (as a stream that reuses its buffers might) */
    async function renderAndSpoil(server: Server, element: React.ReactNode) {
      const handed: Uint8Array[] = [];
      const bytes = await new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(Buffer.from(chunk));
            handed.push(chunk);
            done();
          },
          final(done) {
            resolve(Buffer.concat(chunks));
            done();
          },
        });
        const { pipe } = server.renderToPipeableStream(element, { onAllReady: () => pipe(sink), onShellError: reject, onError: reject });
      });
      for (const chunk of handed) chunk.fill(0);
      return bytes;
    }
    // each island twice in a row (the second from the bytes kept, which the first answer's stream spoiled), then all
    // of them again: more than it keeps, so the first ones are encoded afresh
    for (const round of ["first", "again"])
      for (const island of islands) {
        const react = await render(untouched, view(island));
        for (const answer of [1, 2]) {
          const ours = await renderAndSpoil(edited, view(island));
          expect(ours.equals(react), `${round}, answer ${answer}, an island of ${island.length} characters: the bytes differ`).toBe(true);
        }
      }
  });
});

describe("the data of a client navigation with long strings' JSON kept", () => {
  type TurboStream = { encode(input: unknown): ReadableStream<Uint8Array>; decode(readable: ReadableStream<Uint8Array>): Promise<{ value: unknown }> };
  /** React Router's vendored turbo-stream as `source` has it, loaded as a module of its own (it needs nothing else of the file). */
  async function turboStream(source: string, name: string): Promise<TurboStream> {
    const start = source.indexOf("// vendor/turbo-stream-v2/utils.ts");
    const end = source.indexOf("// lib/dom/ssr/data.ts", start);
    expect(start, "turbo-stream's code found").toBeGreaterThan(0);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "turbo-")), `${name}.mjs`);
    writeFileSync(file, `${source.slice(start, end)}\nexport { encode, decode };\n`);
    return (await import(/* @vite-ignore */ `file://${file}`)) as TurboStream;
  }
  /** The bytes of `stream`; then every byte it handed out spoiled (as a reader that reuses its buffers might). */
  async function bytesOf(stream: ReadableStream<Uint8Array>) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    for (const chunk of chunks) chunk.fill(0);
    return bytes;
  }

  it("writes the same data as React Router's own code, again and again, and it reads back as it was", async () => {
    const [file] = patchFiles(reactRouter).filter(
      (f) => f.includes("/dist/development/") && readFileSync(f, "utf8").includes("// vendor/turbo-stream-v2/flatten.ts"),
    );
    const editedSource = readFileSync(file, "utf8");
    expect(editedSource).toContain("longStringJson");
    expect(editedSource).toContain("enqueueEncoded");
    const edited = await turboStream(editedSource, "edited");
    const untouched = await turboStream(original(reactRouter, editedSource), "untouched");
    // around the 4,096-character limit, markup with quotes and backslashes, Korean, control characters, U+2028,
    // a lone surrogate, an object whose JSON is long; then more strings than it keeps, so the first ones are written afresh
    const strings = [
      "a".repeat(4_095),
      "b".repeat(4_096),
      `<tr data-x="1">${'검토 "대기" \\ '.repeat(2_000)}</tr>`,
      `${"\u0001\n\t\u2028".repeat(1_200)}\uD800`,
      ...Array.from({ length: 40 }, (_, i) => `<li>${i} ${"가나다".repeat(1_400 + i)}</li>`),
    ];
    for (const round of ["first", "again"])
      for (const long of strings) {
        // as a loader's data: the long string, once repeated (sent once, as a reference), among other values
        const data = {
          loaderData: {
            page: { rows: long, rowCount: 50, again: long, note: "짧은 글", wide: Object.fromEntries(Array.from({ length: 400 }, (_, k) => [`key${k}`, k])) },
          },
        };
        const theirs = await bytesOf(untouched.encode(data));
        for (const answer of [1, 2]) {
          const ours = await bytesOf(edited.encode(data));
          expect(ours.equals(theirs), `${round}, answer ${answer}, a string of ${long.length} characters: the data differs`).toBe(true);
        }
        const { value } = await untouched.decode(new Blob([theirs]).stream());
        expect(value).toEqual(data);
      }
  });
});

describe("matching with remembered branches", () => {
  // React Router as the server loads it: the module Node's own ESM loader picks (vitest's resolver may
  // pick the CommonJS build, which the edits leave alone)
  let createStaticHandler: typeof import("react-router").createStaticHandler;
  let matchRoutes: typeof import("react-router").matchRoutes;
  beforeAll(async () => {
    const url = execFileSync(process.execPath, ["--input-type=module", "-e", 'console.log(import.meta.resolve("react-router"))'], { encoding: "utf8" }).trim();
    expect(url).toMatch(/\/dist\/development\/index\.mjs$/);
    ({ createStaticHandler, matchRoutes } = await import(/* @vite-ignore */ url));
  });
  const routes: RouteObject[] = [
    {
      id: "root",
      path: "/",
      children: [
        { id: "home", index: true },
        { id: "login", path: "login" },
        {
          id: "requests",
          path: "requests",
          children: [
            { id: "requests-index", index: true },
            { id: "request-new", path: "new" },
            { id: "request", path: ":id", children: [{ id: "request-edit", path: "edit" }] },
          ],
        },
        { id: "lang", path: ":lang?/about" },
        { id: "Case", path: "CaseSensitive", caseSensitive: true },
        { id: "files", path: "files/*" },
        { id: "api", path: "api/v1/requests/:id/events" },
        { id: "not-found", path: "*" },
      ],
    },
  ];
  const paths = [
    "/",
    "/login",
    "/login/",
    "/LOGIN",
    "/requests",
    "/requests/new",
    "/requests/abc",
    "/requests/abc/edit",
    "/requests/abc/edit/more",
    "/requests/%ED%95%9C%EA%B8%80",
    "/about",
    "/en/about",
    "/CaseSensitive",
    "/casesensitive",
    "/files",
    "/files/a/b/c.pdf",
    "/api/v1/requests/1/events",
    "/nowhere/at/all",
    `/${"x".repeat(600)}`,
  ];
  const ids = (matches: { route: { id?: string } }[] | null | undefined) => matches?.map((m) => m.route.id) ?? null;

  it("finds, on every request, the same routes and params as a fresh match", async () => {
    const handler = createStaticHandler(routes);
    // three rounds: the first finds each branch, the next ones reuse what it found
    for (let round = 0; round < 3; round++) {
      for (const p of paths) {
        const context = await handler.query(new Request(`http://localhost${p}`));
        if (context instanceof Response) throw new Error(`${p}: a response`);
        const fresh = matchRoutes(routes, p);
        expect(ids(context.matches), p).toEqual(ids(fresh));
        expect(context.matches.at(-1)?.params, p).toEqual(fresh?.at(-1)?.params);
        expect(context.matches.at(-1)?.pathname, p).toEqual(fresh?.at(-1)?.pathname);
      }
    }
  });

  it("stays right past the 1,000 paths it remembers", async () => {
    const handler = createStaticHandler(routes);
    for (let i = 0; i < 2_100; i++) {
      const p = i % 3 === 0 ? `/requests/r${i}` : i % 3 === 1 ? `/requests/r${i}/edit` : `/elsewhere/${i}`;
      // each path twice: found, then remembered (or forgotten, when the 1,000 were just cleared)
      for (const context of [await handler.query(new Request(`http://localhost${p}`)), await handler.query(new Request(`http://localhost${p}`))]) {
        if (context instanceof Response) throw new Error(`${p}: a response`);
        expect(ids(context.matches), p).toEqual(ids(matchRoutes(routes, p)));
        expect(context.matches.at(-1)?.params).toEqual(matchRoutes(routes, p)?.at(-1)?.params);
      }
    }
  });
});

describe("Conform's metadata built once per form state", () => {
  const conform = PATCHES.find((p) => p.name === "@conform-to/react") as Patch;
  const file = patchFiles(conform).find((f) => f.endsWith(".js")) as string;
  type Context = { getState(): unknown; onUpdate(options: object): void };
  type Metadata = Record<string | symbol, unknown>;
  type Conform = {
    createFormContext(options: object): Context;
    getFieldMetadata(context: Context, subjectRef: { current: object }, state: unknown, prefix: string, key?: string): Metadata;
    getFormMetadata(context: Context, subjectRef: { current: object }, state: unknown, noValidate: boolean): Metadata;
  };
  /** Conform's context module compiled from `source` as if it were `file` (so it finds the same dependencies). */
  const load = (source: string) => compiledAs<Conform>(file, source);
  const editedSource = readFileSync(file, "utf8");
  const untouchedSource = original(conform, editedSource);

  const FIELD_KEYS = ["id", "name", "errorId", "descriptionId", "formId", "required", "maxLength", "min", "pattern"];
  const STATE_KEYS = ["initialValue", "defaultValue", "value", "errors", "allErrors", "valid", "dirty", "key", "defaultOptions", "defaultChecked"];
  // a reset gives each field a random key ("41ut187v.21w/title"): compared by its name only
  const unrandom = (v: unknown) => (typeof v === "string" && /^[0-9a-z]+\.[0-9a-z]+\//.test(v) ? v.replace(/^[^/]+/, "(random)") : v);
  const refused = (message: string, title: string) => ({ status: "error", initialValue: { title, number: "0" }, error: { title: [message], number: [] } });

  /** Everything a render reads of a form of two fields, twice, then again after the server refuses it anew. */
  function readThrough(module: Conform) {
    const context = module.createFormContext({
      formId: "meeting",
      defaultValue: { title: "회의", number: "3", tags: ["a", "b"] },
      constraint: { title: { required: true, maxLength: 200 }, number: { min: 1, pattern: "[0-9]+" } },
      lastResult: refused("제목을 입력하세요", ""),
    });
    const read = () => {
      const subjectRef = { current: {} };
      const state = context.getState();
      const form = module.getFormMetadata(context, subjectRef, state, true);
      const fields = ["title", "number", "tags"].map((name) => module.getFieldMetadata(context, subjectRef, state, "", name));
      const values = [
        ...["id", "errorId", "errors", "allErrors", "noValidate", "status", "valid", "dirty"].map((k) => form[k]),
        ...fields.flatMap((field) => [...FIELD_KEYS, ...STATE_KEYS, ...FIELD_KEYS].map((k) => field[k])),
      ].map(unrandom);
      return { values, subscribed: subjectRef.current, later: fields[0] };
    };
    const first = read();
    const second = read();
    // the server refuses it anew (Conform looks for the form's element in the document: there is none here)
    const inBrowser = "document" in globalThis;
    if (!inBrowser) vi.stubGlobal("document", { forms: { namedItem: () => null } });
    try {
      context.onUpdate({ lastResult: refused("제목이 너무 깁니다", "x".repeat(300)) });
    } finally {
      if (!inBrowser) vi.unstubAllGlobals();
    }
    // a field read again after the state changed (as in a callback) sees the new state
    const afterUpdate = [...FIELD_KEYS, ...STATE_KEYS].map((k) => first.later[k]);
    const third = read();
    // another form id (a page reusing the component for another record) starts the form again
    context.onUpdate({ formId: "meeting-2" });
    const afterReset = [...FIELD_KEYS, ...STATE_KEYS].map((k) => unrandom(first.later[k]));
    return { first, second, third, afterUpdate, fourth: read(), afterReset };
  }

  /** `run` as in a browser: with a document (Conform looks for the form's element in it: there is none here). */
  function inBrowser<T>(run: () => T): T {
    vi.stubGlobal("document", { forms: { namedItem: () => null } });
    try {
      return run();
    } finally {
      vi.unstubAllGlobals();
    }
  }

  it("reads the same values and subscribes a render to the same state as Conform's own code", () => {
    expect(editedSource).toContain(MARKER);
    expect(untouchedSource, "every edit undone").not.toContain(MARKER);
    const ours = inBrowser(() => readThrough(load(editedSource)));
    const theirs = inBrowser(() => readThrough(load(untouchedSource)));
    expect(ours.first.values.flat()).toContain("제목을 입력하세요");
    expect(ours.first.subscribed).not.toEqual({});
    expect(ours.third.values.flat()).toContain("제목이 너무 깁니다");
    expect(ours.afterUpdate.flat()).toContain("제목이 너무 깁니다");
    expect(ours.afterReset).toContain("meeting-2-title");
    expect(ours.afterReset.flat()).not.toContain("제목이 너무 깁니다");
    for (const k of ["first", "second", "third", "fourth"] as const) {
      expect(ours[k].values, k).toEqual(theirs[k].values);
      expect(ours[k].subscribed, k).toEqual(theirs[k].subscribed);
    }
    expect(ours.afterUpdate).toEqual(theirs.afterUpdate);
    expect(ours.afterReset).toEqual(theirs.afterReset);
  });

  it("on the server (no document) reads the same values and records no subscription: a form is rendered there once", () => {
    expect("document" in globalThis).toBe(false);
    const ours = readThrough(load(editedSource));
    const theirs = readThrough(load(untouchedSource));
    for (const k of ["first", "second", "third", "fourth"] as const) {
      expect(ours[k].values, k).toEqual(theirs[k].values);
      expect(ours[k].subscribed, k).toEqual({});
      expect(theirs[k].subscribed, k).not.toEqual({});
    }
    expect(ours.afterUpdate).toEqual(theirs.afterUpdate);
    expect(ours.afterReset).toEqual(theirs.afterReset);
  });
});

describe("Conform's props without their undefined attributes", () => {
  const conform = PATCHES.find((p) => p.name === "@conform-to/react") as Patch;
  const file = patchFiles(conform).find((f) => f.endsWith("helpers.js")) as string;
  type Props = Record<string, unknown>;
  type Helpers = Record<
    "getFormProps" | "getFieldsetProps" | "getInputProps" | "getSelectProps" | "getTextareaProps",
    (meta: object, options?: object) => Props
  > & {
    getCollectionProps(meta: object, options: object): Props[];
  };
  const editedSource = readFileSync(file, "utf8");
  const untouchedSource = original(conform, editedSource);

  /** What a field's metadata offers the helpers: valid or refused, constrained or not, with a value or a list. */
  const fields = [
    {
      id: "f-title",
      name: "title",
      formId: "f",
      errorId: "f-title-error",
      descriptionId: "f-title-description",
      required: true,
      maxLength: 200,
      initialValue: "회의",
      valid: true,
    },
    {
      id: "f-n",
      name: "n",
      formId: "f",
      errorId: "f-n-error",
      errors: ["숫자를 입력하세요"],
      valid: false,
      min: 1,
      max: 9,
      step: 1,
      pattern: "[0-9]+",
      initialValue: "0",
    },
    { id: "f-tags", name: "tags", formId: "f", errorId: "f-tags-error", multiple: true, initialValue: ["a", "b"], valid: true },
    { id: "f-file", name: "file", formId: "f", errorId: "f-file-error", accept: ".pdf", valid: true },
    { id: "f", name: "", errorId: "f-error", errors: ["다시 보내 주세요"], onSubmit: () => undefined, noValidate: true, valid: false },
  ];
  const optionSets = [
    { type: "text" },
    { type: "checkbox", value: "a" },
    { type: "radio" },
    { type: "number", ariaDescribedBy: "hint" },
    { type: "text", value: false },
    { ariaAttributes: false, type: "text" },
  ];

  function everyProps(helpers: Helpers) {
    return fields.flatMap((meta) => [
      helpers.getFormProps(meta),
      helpers.getFormProps(meta, { ariaDescribedBy: "hint" }),
      helpers.getFieldsetProps(meta),
      ...optionSets.map((options) => helpers.getInputProps(meta, options)),
      helpers.getSelectProps(meta),
      helpers.getTextareaProps(meta),
      ...helpers.getCollectionProps(meta, { type: "checkbox", options: ["a", "b", "c"] }),
    ]);
  }

  it("are the same attributes, in the same order, as Conform's own code gives, in an object of their own", () => {
    expect(editedSource).toContain(MARKER);
    const ours = everyProps(compiledAs<Helpers>(file, editedSource));
    const theirs = everyProps(compiledAs<Helpers>(file, untouchedSource));
    expect(ours.length).toBeGreaterThan(50);
    ours.forEach((props, i) => {
      expect(Object.keys(props), `props ${i}`).toEqual(Object.keys(theirs[i]));
      expect(props, `props ${i}`).toEqual(theirs[i]);
      expect(Object.values(props)).not.toContain(undefined);
    });
    // the refused field points to its message, the valid one does not
    expect(ours.some((p) => p["aria-invalid"] === true && p["aria-describedby"] === "f-n-error")).toBe(true);
  });
});

describe("Babel's object spread in Conform, with a literal's plain properties assigned", () => {
  type Helpers = { objectSpread2(target: object, ...sources: unknown[]): Record<PropertyKey, unknown> };
  const tag = Symbol("tag");
  const hidden = Symbol("hidden");
  /** The spreads Babel writes (`{ ...a, b }` is spread(spread({}, a), {}, { b })), with every kind of property. */
  function spreads({ objectSpread2: spread }: Helpers) {
    let reads = 0;
    const withGetter = {
      a: 1,
      get counted() {
        return ++reads;
      },
    };
    const odd = Object.defineProperties({ shown: "yes" } as Record<PropertyKey, unknown>, {
      unlisted: { value: "no", enumerable: false },
      [tag]: { value: "symbol", enumerable: true },
      [hidden]: { value: "hidden symbol", enumerable: false },
    });
    const literalWithAccessor = {
      plain: 1,
      get computed() {
        return "from the getter";
      },
    };
    const fixed = Object.defineProperty({ open: 2 } as Record<string, unknown>, "fixed", { value: 3, writable: false, enumerable: true, configurable: true });
    return [
      spread(spread({}, withGetter), {}, { b: 2 }),
      spread({}, odd),
      spread(spread({}, { id: "f", name: "n" }), {}, literalWithAccessor),
      spread({}, null, fixed),
      spread(spread({}, "ab"), {}, { [tag]: "own symbol", __proto__: null }),
      spread({}, {}, JSON.parse('{"__proto__": {"polluted": true}, "toString": "text", "constructor": 1}')),
      spread(spread({}, undefined), {}, Object.defineProperty({}, "quiet", { value: 4, enumerable: false })),
      spread(spread({ first: 1 }, { first: 2 }), {}, { first: 3, then: 4 }),
      { reads } as Record<PropertyKey, unknown>,
    ];
  }
  /** Everything about an object: its prototype, and each own key with its descriptor, in order. */
  const described = (o: object) => ({
    proto: Object.getPrototypeOf(o),
    keys: Reflect.ownKeys(o),
    descriptors: Reflect.ownKeys(o).map((k) => {
      const { get, set, ...rest } = Object.getOwnPropertyDescriptor(o, k) as PropertyDescriptor;
      // (each run makes its own getters: the same kind of accessor, not the same function)
      return { ...rest, get: typeof get, set: typeof set };
    }),
  });

  it.each([
    ["@conform-to/react", "_rollupPluginBabelHelpers.js"],
    ["@conform-to/dom", "_rollupPluginBabelHelpers.js"],
  ])("in %s gives objects with the same properties, attributes and order as Babel's own", (name, ending) => {
    const patch = PATCHES.find((p) => p.name === name) as Patch;
    const file = patchFiles(patch).find((f) => f.endsWith(ending)) as string;
    const editedSource = readFileSync(file, "utf8");
    expect(editedSource).toContain(MARKER);
    const ours = spreads(compiledAs<Helpers>(file, editedSource));
    const theirs = spreads(compiledAs<Helpers>(file, original(patch, editedSource)));
    expect(ours.map(described)).toEqual(theirs.map(described));
    // a literal's getter stays a getter; a source's getter is read once, its value copied
    expect(typeof Object.getOwnPropertyDescriptor(ours[2], "computed")?.get).toBe("function");
    expect(ours.at(-1)).toEqual({ reads: 1 });
    // an own "__proto__" key stays a key: nothing reaches the prototype
    expect(Object.getPrototypeOf(ours[5])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
