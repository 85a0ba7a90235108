package dev.orderflow.local.runner.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The platform's pre-authentication trigger (ConsoleSignInGate, inline Node.js in infra/platform/template.yaml), run
 * with this machine's node against stand-ins for the SDK's Cognito and SSM clients: a sign-in through the console's
 * client passes only for a member of the back office's group (found on any page of their groups); every other
 * client's sign-ins pass without a look; the console client's id is read from SSM once per container.
 */
class ConsoleSignInGateTest {

    private static final String CONSOLE = "console-client-id";

    @TempDir
    Path dir;

    @Test
    void onlyTheBackOfficesGroupSignsInThroughTheConsolesClient() throws Exception {
        JsonNode results = run("""
                const gate = require('./index.js');
                const results = {};
                const attempt = async (name, clientId, userName) => {
                  try {
                    const answer = await gate.handler({ userPoolId: 'pool', userName, callerContext: { clientId },
                      request: {}, response: {} });
                    results[name] = answer.userName === userName ? 'passed' : 'changed the event';
                  } catch (e) {
                    results[name] = 'refused: ' + e.message;
                  }
                };
                (async () => {
                  await attempt('customerOnTheStorefront', 'storefront-client-id', 'customer');
                  await attempt('staffOnTheConsole', '%1$s', 'staff');
                  await attempt('customerOnTheConsole', '%1$s', 'customer');
                  results.groupLookups = stand.lookups.join(',');
                  results.parameterReads = stand.parameterReads;
                  console.log(JSON.stringify(results));
                })();
                """.formatted(CONSOLE));

        assertThat(results.get("customerOnTheStorefront").stringValue()).isEqualTo("passed");
        assertThat(results.get("staffOnTheConsole").stringValue()).isEqualTo("passed");
        assertThat(results.get("customerOnTheConsole").stringValue())
                .isEqualTo("refused: the back-office console is for the shop staff only");
        assertThat(results.get("groupLookups").stringValue())
                .as("no lookup for the storefront; two pages for staff, whose group is on the second")
                .isEqualTo("staff:-,staff:page-2,customer:-");
        assertThat(results.get("parameterReads").intValue()).isEqualTo(1);
    }

    private JsonNode run(String script) throws IOException, InterruptedException {
        Assumptions.assumeTrue(nodeAvailable(), "node is not on the PATH: the trigger's test needs Node.js");
        JsonNode gate = new YAMLMapper()
                .readTree(Path.of("../../infra/platform/template.yaml").toFile())
                .get("Resources")
                .get("ConsoleSignInGate")
                .get("Properties");
        Files.writeString(dir.resolve("index.js"), gate.get("InlineCode").stringValue());
        Path sdk = Files.createDirectories(dir.resolve("node_modules/@aws-sdk"));
        Files.createDirectories(sdk.resolve("client-cognito-identity-provider"));
        Files.createDirectories(sdk.resolve("client-ssm"));
        // staff's groups come on two pages, the back office's on the second; the customer is in none
        Files.writeString(sdk.resolve("client-cognito-identity-provider/index.js"), """
                class AdminListGroupsForUserCommand { constructor(input) { this.input = input; } }
                class CognitoIdentityProviderClient {
                  async send(command) {
                    const { Username, NextToken, UserPoolId } = command.input;
                    if (UserPoolId !== 'pool') throw new Error('wrong pool');
                    stand.lookups.push(Username + ':' + (NextToken || '-'));
                    if (Username === 'staff' && !NextToken) return { Groups: [{ GroupName: 'readers' }], NextToken: 'page-2' };
                    if (Username === 'staff') return { Groups: [{ GroupName: process.env.BACK_OFFICE_GROUP }] };
                    return { Groups: [] };
                  }
                }
                module.exports = { CognitoIdentityProviderClient, AdminListGroupsForUserCommand };
                """);
        Files.writeString(sdk.resolve("client-ssm/index.js"), """
                class GetParameterCommand { constructor(input) { this.input = input; } }
                class SSMClient {
                  async send(command) {
                    if (command.input.Name !== process.env.CONSOLE_CLIENT_ID_PARAMETER) throw new Error('wrong name');
                    stand.parameterReads++;
                    return { Parameter: { Value: '%s' } };
                  }
                }
                module.exports = { SSMClient, GetParameterCommand };
                """.formatted(CONSOLE));
        Files.writeString(dir.resolve("run.js"), "global.stand = { lookups: [], parameterReads: 0 };\n" + script);
        var environment = gate.get("Environment").get("Variables");
        assertThat(environment.has("CONSOLE_CLIENT_ID_PARAMETER") && environment.has("BACK_OFFICE_GROUP"))
                .isTrue();
        var builder =
                new ProcessBuilder("node", "run.js").directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("CONSOLE_CLIENT_ID_PARAMETER", "/orderflow/test/platform/console-client-id");
        builder.environment().put("BACK_OFFICE_GROUP", "backoffice");
        Process node = builder.start();
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        return JsonMapper.builder()
                .build()
                .readTree(output.lines().reduce((a, b) -> b).orElse("{}"));
    }

    private static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
