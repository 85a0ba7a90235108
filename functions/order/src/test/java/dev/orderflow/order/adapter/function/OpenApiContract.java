package dev.orderflow.order.adapter.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Checks responses against {@code docs/openapi.yaml}, the published contract. */
final class OpenApiContract {

    private static final JsonNode DOCUMENT = load();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OpenApiContract() {}

    /** Asserts that {@code body} is what the contract promises for {@code status} of the operation at {@code path}/{@code method}. */
    static void assertConforms(String path, String method, int status, JsonNode body) {
        JsonNode response =
                DOCUMENT.path("paths").path(path).path(method).path("responses").path(Integer.toString(status));
        assertThat(response.isMissingNode())
                .as("the contract documents %s %s -> %d", method, path, status)
                .isFalse();
        if (response.has("$ref")) {
            response = at(response.get("$ref").stringValue());
        }
        JsonNode schemaNode = response.path("content").path("application/json").path("schema");
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("$ref", schemaNode.get("$ref"));
        root.set("components", DOCUMENT.get("components"));
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of("urn:orderflow:openapi"), root);
        List<Error> errors = schema.validate(body);
        assertThat(errors)
                .as("%s %s -> %d response %s", method, path, status, body)
                .isEmpty();
    }

    private static JsonNode at(String ref) {
        return DOCUMENT.at(ref.substring(1));
    }

    private static JsonNode load() {
        Path file = Path.of("../../docs/openapi.yaml");
        try {
            return new YAMLMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the contract at " + file.toAbsolutePath(), e);
        }
    }
}
