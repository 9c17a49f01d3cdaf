/**
 * Runs the mock backend on a real port, optionally serving a built app beside it:
 *   npx tsx mocks/serve.ts --port 8080 --static dist --scenario calm [--seed 1] [--speed 1] [--host 127.0.0.1]
 */
import { parseArgs } from "node:util";
import { isScenarioName, SCENARIO_NAMES } from "./model/index.ts";
import { startMockServer } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    static: { type: "string" },
    scenario: { type: "string", default: "calm" },
    seed: { type: "string", default: "1" },
    speed: { type: "string", default: "1" },
  },
});

if (!isScenarioName(values.scenario)) {
  console.error(`Unknown scenario "${values.scenario}". Choose one of: ${SCENARIO_NAMES.join(", ")}`);
  process.exit(2);
}

const server = await startMockServer({
  port: Number(values.port),
  host: values.host,
  scenario: values.scenario,
  seed: Number(values.seed),
  speed: Number(values.speed),
  ...(values.static ? { staticDir: values.static } : {}),
});

console.log(`Jari mock backend (scenario ${values.scenario}) at ${server.url}`);
if (values.static) console.log(`Serving ${values.static} at ${server.url}/`);
console.log(`API: ${server.url}/api/v1/events · control: ${server.url}/__mock/stats`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
