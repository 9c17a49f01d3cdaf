import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { launchBrowser } from "./harness.ts";

describe("browser harness", () => {
  it("fails the test when a page meets a Content-Security-Policy violation", async () => {
    const page = `<!doctype html><html lang="en"><head>
      <meta http-equiv="Content-Security-Policy" content="script-src 'self'"><title>csp</title></head>
      <body><p id="p">x</p><script>document.getElementById("p").textContent = "ran"</script></body></html>`;
    const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(page));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const browser = await launchBrowser();
      await browser.page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // The inline script was blocked…
      expect(await browser.page.locator("#p").textContent()).toBe("x");
      // …and the harness says so when the test closes the browser.
      await expect(browser.close()).rejects.toThrow(/Content-Security-Policy violations/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
