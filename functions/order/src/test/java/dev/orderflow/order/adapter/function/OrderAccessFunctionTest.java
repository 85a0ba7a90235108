package dev.orderflow.order.adapter.function;

import static dev.orderflow.order.adapter.function.OpenApiContract.assertConforms;
import static dev.orderflow.order.adapter.function.OrderApiCalls.backOffice;
import static dev.orderflow.order.adapter.function.OrderApiCalls.body;
import static dev.orderflow.order.adapter.function.OrderApiCalls.customer;
import static dev.orderflow.order.adapter.function.OrderApiCalls.orderId;
import static dev.orderflow.order.adapter.function.OrderApiCalls.uniqueUser;
import static dev.orderflow.order.adapter.function.OrderApiCalls.unverified;
import static dev.orderflow.order.adapter.function.OrderApiCalls.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.infra.LocalDynamoDb;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what to orders, decided by the functions from the identity API Gateway's JWT authorizer verified, never
 * from the request: the same rules hold when a function is called without a gateway in front.
 */
class OrderAccessFunctionTest {

    private static final String ONE_LINE = "{\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}";

    private static LocalDynamoDb dynamo;
    private static OrderApiCalls api;

    @BeforeAll
    static void startStore() {
        dynamo = LocalDynamoDb.start(0, null);
        api = OrderApiCalls.against(dynamo);
    }

    @AfterAll
    static void stopStore() {
        dynamo.close();
    }

    @Test
    void aNewOrderBelongsToTheCallerWhenTheBodyNamesNoUser() {
        String user = uniqueUser();

        JsonNode response = api.createOrder(user, ONE_LINE, null);

        assertThat(response.get("statusCode").intValue()).isEqualTo(201);
        assertThat(body(response).get("data").get("userId").stringValue()).isEqualTo(user);
    }

    @Test
    void aCustomerWithTenOpenUnpaidOrdersIsRefusedAnotherUntilOneClosesAndTheBackOfficeIsNot() {
        String user = uniqueUser();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            placed.add(orderId(api.createOrder(user, ONE_LINE, null)));
        }

        JsonNode eleventh = api.createOrder(user, ONE_LINE, null);

        assertThat(eleventh.get("statusCode").intValue()).isEqualTo(409);
        assertThat(body(eleventh).get("error").stringValue())
                .contains("at most 10 open unpaid orders")
                .contains("pay or cancel one first");
        assertConforms("/oms/orders", "post", 409, body(eleventh));
        assertThat(api.ordersOf(user)).hasSize(10);
        assertThat(api.updateOrder(user, placed.get(0), "{\"status\":\"CANCELED\"}")
                        .get("statusCode")
                        .intValue())
                .isEqualTo(200);
        assertThat(api.createOrder(user, ONE_LINE, null).get("statusCode").intValue())
                .as("a cancelled order holds nothing")
                .isEqualTo(201);
        JsonNode onBehalf = api.createOrder(
                backOffice(),
                "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}",
                null);
        assertThat(onBehalf.get("statusCode").intValue())
                .as("the back office is not limited")
                .isEqualTo(201);
    }

    @Test
    void aBodyNamingAnotherUserIs403AndStoresNothing() {
        String user = uniqueUser();

        JsonNode response = api.createOrder(
                user, "{\"userId\":\"someone-else\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}", null);

        assertThat(response.get("statusCode").intValue()).isEqualTo(403);
        assertThat(body(response).get("error").stringValue()).startsWith("userId:");
        assertThat(api.ordersOf(user)).isEmpty();
        assertThat(body(api.listOrders(backOffice(), "someone-else", "10", null))
                        .get("data")
                        .get("orders")
                        .size())
                .isZero();
        assertConforms("/oms/orders", "post", 403, body(response));
    }

    @Test
    void anotherCustomersOrderDoesNotExistForYou() {
        String owner = uniqueUser();
        String id = orderId(api.createOrder(owner, ONE_LINE, null));

        JsonNode read = api.getOrder(uniqueUser(), id);
        JsonNode cancel = api.updateOrder(uniqueUser(), id, "{\"status\":\"CANCELED\"}");

        assertThat(read.get("statusCode").intValue()).isEqualTo(404);
        assertThat(body(read).get("error").stringValue()).isEqualTo("order " + id + " not found");
        assertThat(cancel.get("statusCode").intValue()).isEqualTo(404);
        assertThat(body(api.getOrder(owner, id)).get("data").get("status").stringValue())
                .isEqualTo("PENDING");
        assertConforms("/oms/orders/{orderId}", "get", 404, body(read));
    }

    @Test
    void listingShowsOnlyTheCallersOwnOrders() {
        String alice = uniqueUser();
        String bob = uniqueUser();
        String alicesOrder = orderId(api.createOrder(alice, ONE_LINE, null));
        api.createOrder(bob, ONE_LINE, null);

        JsonNode own = api.listOrders(alice, "10", null);
        JsonNode someoneElses = api.listOrders(customer(alice), bob, "10", null);

        assertThat(body(own).get("data").get("orders").findValuesAsString("orderId"))
                .containsExactly(alicesOrder);
        assertThat(someoneElses.get("statusCode").intValue()).isEqualTo(403);
        assertConforms("/oms/orders", "get", 403, body(someoneElses));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONFIRMED", "PARTIALLY_CONFIRMED", "REJECTED", "EXPIRED", "PENDING"})
    void aStatusNobodyMaySetIs409ForACustomerAsTheContractSays(String status) {
        String user = uniqueUser();
        String id = orderId(api.createOrder(user, ONE_LINE, null));

        JsonNode refused = api.updateOrder(user, id, "{\"status\":\"" + status + "\"}");

        assertThat(refused.get("statusCode").intValue()).as(status).isEqualTo(status.equals("PENDING") ? 200 : 409);
        if (!status.equals("PENDING")) {
            assertConforms("/oms/orders/{orderId}", "put", 409, body(refused));
        }
    }

    @Test
    void theSpecificationsUpdateBodyWithStatusAndLinesTogetherIsApplied() {
        String user = uniqueUser();
        String id = orderId(api.createOrder(
                user,
                "{\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":2},{\"productId\":\"sku-2\",\"quantity\":1}]}",
                null));

        JsonNode changed = api.updateOrder(
                user,
                id,
                "{\"status\":\"CANCELED\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":3,"
                        + "\"status\":\"PENDING\"},{\"productId\":\"sku-2\",\"quantity\":1,\"status\":\"PENDING\"}]}");

        assertThat(changed.get("statusCode").intValue()).as(changed.toString()).isEqualTo(200);
        assertConforms("/oms/orders/{orderId}", "put", 200, body(changed));
        JsonNode order = body(changed).get("data");
        assertThat(order.get("status").stringValue()).isEqualTo("CANCELED");
        assertThat(order.get("orderItems").get(0).get("quantity").intValue()).isEqualTo(3);
        assertThat(order.get("version").intValue())
                .as("one change, one version")
                .isEqualTo(2);
    }

    @Test
    void theSameIdempotencyKeyFromTwoCustomersMakesTwoOrders() {
        String alice = uniqueUser();
        String bob = uniqueUser();

        JsonNode alicesOrder = api.createOrder(alice, ONE_LINE, "checkout-1");
        JsonNode bobsOrder = api.createOrder(bob, ONE_LINE, "checkout-1");

        assertThat(bobsOrder.get("statusCode").intValue()).isEqualTo(201);
        assertThat(orderId(bobsOrder)).isNotEqualTo(orderId(alicesOrder));
        assertThat(body(bobsOrder).get("data").get("userId").stringValue()).isEqualTo(bob);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAID", "SHIPPED", "DELIVERED"})
    void paymentAndDeliveryAreNotTheCustomersToSet(String status) {
        String user = uniqueUser();
        String id = orderId(api.createOrder(user, ONE_LINE, null));

        JsonNode response = api.updateOrder(user, id, "{\"status\":\"" + status + "\"}");

        assertThat(response.get("statusCode").intValue()).isEqualTo(403);
        assertThat(body(response).get("error").stringValue()).startsWith("status: " + status);
        assertThat(body(api.getOrder(user, id)).get("data").get("version").intValue())
                .isEqualTo(1);
        assertConforms("/oms/orders/{orderId}", "put", 403, body(response));
    }

    @Test
    void theBackOfficeReadsListsAndMovesAnyOrder() {
        String user = uniqueUser();
        String id = orderId(api.createOrder(user, ONE_LINE, null));

        JsonNode read = api.getOrder(backOffice(), id);
        JsonNode listed = api.listOrders(backOffice(), user, "10", null);
        JsonNode shipped = api.updateOrder(backOffice(), id, "{\"status\":\"SHIPPED\"}");

        assertThat(read.get("statusCode").intValue()).isEqualTo(200);
        assertThat(body(listed).get("data").get("orders").findValuesAsString("orderId"))
                .containsExactly(id);
        // the back office may ask; the state machine still decides (a PENDING order cannot ship)
        assertThat(shipped.get("statusCode").intValue()).isEqualTo(409);
    }

    @Test
    void theBackOfficePlacesOrdersForTheCustomerItNames() {
        String user = uniqueUser();

        JsonNode forCustomer = api.createOrder(
                backOffice(),
                "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}",
                null);
        JsonNode forNobody = api.createOrder(backOffice(), ONE_LINE, null);

        assertThat(body(forCustomer).get("data").get("userId").stringValue()).isEqualTo(user);
        assertThat(forNobody.get("statusCode").intValue()).isEqualTo(400);
        assertThat(body(forNobody).get("error").stringValue()).startsWith("userId:");
    }

    @Test
    void theBackOfficeListsEveryCustomersOrdersNewestFirstAndByStatusWithoutNamingOne() {
        String first = orderId(api.createOrder(uniqueUser(), ONE_LINE, null));
        String second = orderId(api.createOrder(uniqueUser(), ONE_LINE, null));
        api.updateOrder(backOffice(), first, "{\"status\":\"CANCELED\"}");

        JsonNode all = api.listOrders(backOffice(), null, "100", null);
        JsonNode canceled = api.listOrders(backOffice(), null, "CANCELED", "100", null);
        JsonNode bogus = api.listOrders(backOffice(), null, "LOST", "10", null);

        assertConforms("/oms/orders", "get", 200, body(all));
        assertThat(body(all).get("data").get("orders").findValuesAsString("orderId"))
                .containsSubsequence(second, first);
        assertThat(body(canceled).get("data").get("orders").findValuesAsString("orderId"))
                .contains(first)
                .doesNotContain(second);
        assertThat(bogus.get("statusCode").intValue()).isEqualTo(400);
        assertThat(body(bogus).get("error").stringValue()).startsWith("status:");
        assertConforms("/oms/orders", "get", 400, body(bogus));
    }

    @Test
    void aCustomerListingAnotherStatusSeesOnlyTheirOwn() {
        String user = uniqueUser();
        String mine = orderId(api.createOrder(user, ONE_LINE, null));
        String someoneElses = orderId(api.createOrder(uniqueUser(), ONE_LINE, null));
        api.updateOrder(user, mine, "{\"status\":\"CANCELED\"}");
        api.updateOrder(backOffice(), someoneElses, "{\"status\":\"CANCELED\"}");

        JsonNode canceled = api.listOrders(customer(user), null, "CANCELED", "10", null);

        assertThat(body(canceled).get("data").get("orders").findValuesAsString("orderId"))
                .containsExactly(mine);
    }

    @Test
    void theBackOfficeReadsWhoChangedAnOrderAndACustomerMayNot() {
        String user = uniqueUser();
        String id = orderId(api.createOrder(user, ONE_LINE, null));
        api.updateOrder(backOffice(), id, "{\"status\":\"CANCELED\"}");

        JsonNode history = api.getOrderHistory(backOffice(), id);
        JsonNode asCustomer = api.getOrderHistory(customer(user), id);
        JsonNode unknown = api.getOrderHistory(backOffice(), "no-such-order");

        assertThat(history.get("statusCode").intValue()).isEqualTo(200);
        assertConforms("/oms/orders/{orderId}/history", "get", 200, body(history));
        JsonNode changes = body(history).get("data").get("changes");
        assertThat(changes.size()).isEqualTo(2);
        assertThat(changes.get(0).get("status").stringValue()).isEqualTo("PENDING");
        assertThat(changes.get(0).get("changedBy").stringValue()).isEqualTo("CUSTOMER");
        assertThat(changes.get(0).get("changedById").stringValue()).isEqualTo(user);
        assertThat(changes.get(1).get("previousStatus").stringValue()).isEqualTo("PENDING");
        assertThat(changes.get(1).get("status").stringValue()).isEqualTo("CANCELED");
        assertThat(changes.get(1).get("changedBy").stringValue()).isEqualTo("BACK_OFFICE");
        assertThat(changes.get(1).get("changedById").stringValue()).isEqualTo("backoffice-client");
        assertThat(asCustomer.get("statusCode").intValue()).isEqualTo(403);
        assertConforms("/oms/orders/{orderId}/history", "get", 403, body(asCustomer));
        assertThat(unknown.get("statusCode").intValue()).isEqualTo(404);
    }

    @Test
    void theBacklogSaysHowManyOrdersWaitForInventoryForTheBackOfficeOnly() {
        api.createOrder(uniqueUser(), ONE_LINE, null);

        JsonNode backlog = api.getBacklog(backOffice());
        JsonNode asCustomer = api.getBacklog(customer(uniqueUser()));

        assertThat(backlog.get("statusCode").intValue()).isEqualTo(200);
        assertConforms("/oms/backlog", "get", 200, body(backlog));
        assertThat(body(backlog).get("data").get("awaitingInventory").intValue())
                .isPositive();
        assertThat(body(backlog).get("data").get("oldestWaitSeconds").longValue())
                .isNotNegative();
        assertThat(asCustomer.get("statusCode").intValue()).isEqualTo(403);
    }

    @Test
    void aTokenWithoutAnOrderScopeIs403() {
        JsonNode response = api.createOrder(verified(uniqueUser(), "openid orderflow/inventory:write"), ONE_LINE, null);

        assertThat(response.get("statusCode").intValue()).isEqualTo(403);
        assertThat(body(response).get("error").stringValue()).contains("orderflow/orders");
    }

    @Test
    void withoutAVerifiedCallerEveryOrderRouteIs401() {
        String user = uniqueUser();
        String id = orderId(api.createOrder(user, ONE_LINE, null));

        for (JsonNode response : List.of(
                api.createOrder(unverified(), ONE_LINE, null),
                api.getOrder(unverified(), id),
                api.listOrders(unverified(), user, "10", null),
                api.updateOrder(unverified(), id, "{\"status\":\"CANCELED\"}"))) {
            assertThat(response.get("statusCode").intValue()).isEqualTo(401);
            assertThat(response.get("headers").get("WWW-Authenticate").stringValue())
                    .isEqualTo("Bearer");
            assertConforms("/oms/orders/{orderId}", "get", 401, body(response));
        }
        assertThat(api.ordersOf(user)).hasSize(1);
        assertThat(body(api.getOrder(user, id)).get("data").get("status").stringValue())
                .isEqualTo("PENDING");
    }
}
