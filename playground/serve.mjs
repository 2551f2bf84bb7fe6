// A tiny static file server for the playground: `node playground/serve.mjs [port]`.
// It serves this folder only, on 127.0.0.1, with the MIME types browsers need
// (application/wasm lets them compile the module while it downloads).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL(".", import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};

/** Starts the server on `port` (0 picks a free one) and resolves to it once listening. */
export function startServer(port = 0) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const relative = normalize(path === "/" ? "index.html" : path.replace(/^\/+/, ""));
    // Refuse anything that would climb out of the playground folder.
    if (relative.startsWith("..") || relative.split(sep).includes("..") || relative.includes("node_modules")) {
      response.writeHead(403).end("forbidden");
      return;
    }
    try {
      const body = await readFile(join(ROOT, relative));
      response.writeHead(200, {
        "content-type": TYPES[extname(relative)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`not found: ${path}`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const port = Number(process.argv[2] ?? 8080);
  const server = await startServer(port);
  const { port: listening } = server.address();
  console.log(`surveylint playground: http://127.0.0.1:${listening}/`);
}
