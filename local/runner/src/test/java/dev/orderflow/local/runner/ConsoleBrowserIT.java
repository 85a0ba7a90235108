package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The back-office console in a real browser (Debian's headless Chromium), against the whole local system as it
 * starts by default: sign-in through the development issuer's page (authorization code + PKCE), the orders page
 * updating live, an order paid and shipped from its page, a restock raising an alert, a customer's sign-in refused.
 * Skips, saying why, where Chromium or its driver is not installed. Screenshots of the main pages go to
 * {@code target/console-screenshots} ({@code -Dorderflow.console.screenshots=docs/console} writes the README's).
 */
@SharedSystem.OnIt
class ConsoleBrowserIT {

    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("orderflow.console.screenshots", "target/console-screenshots"));

    private static LocalSystem system;
    private static Api api;
    private static String console;
    private static ChromeDriver browser;

    @BeforeAll
    static void useTheSharedSystem(LocalSystem shared) {
        Assumptions.assumeTrue(
                SystemBrowser.missing().isEmpty(),
                () -> "browser tests skipped: " + SystemBrowser.missing().orElse(""));
        system = shared;
        api = new Api(system);
        console = "http://127.0.0.1:" + system.httpPort() + "/";
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** One browser for the class (starting Chromium costs seconds); each test starts signed out, on a laptop's window. */
    @BeforeEach
    void freshPage() {
        if (browser == null) {
            browser = SystemBrowser.start(1280, 900);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(console + "docs/");
        browser.executeScript("sessionStorage.clear(); localStorage.clear()");
        browser.get("about:blank");
    }

    @Test
    void theBackOfficeSignsInSeesANewOrderBecomeConfirmedWithoutAReloadThenPaysAndShipsIt() {
        String product = addProduct(10);
        signIn("support-ana", "BACK_OFFICE_AND_WAREHOUSE");
        await().atMost(LIVE)
                .until(() -> !browser.findElements(By.cssSelector("table.orders tbody tr"))
                        .isEmpty());
        browser.executeScript("window.sameLoad = true");

        String orderId = api.placeOrder("user-" + UUID.randomUUID(), product, 3);

        await().atMost(LIVE).until(() -> statusInList(orderId).equals("CONFIRMED"));
        await().atMost(LIVE).until(() -> text(By.id("health-dead-letters")), waiting -> waiting.matches("\\d+"));
        assertThat(browser.executeScript("return window.sameLoad === true"))
                .as("seen without a reload")
                .isEqualTo(true);
        screenshot("orders");

        click(By.linkText(orderId));
        click(By.cssSelector("button[data-action='PAID']"));
        await().atMost(LIVE).until(() -> text(By.id("order-status")).equals("PAID"));
        click(By.cssSelector("button[data-action='SHIPPED']"));
        await().atMost(LIVE).until(() -> text(By.id("order-status")).equals("SHIPPED"));
        await().atMost(LIVE)
                .until(() -> text(By.cssSelector("table.history tbody")).contains("back office support-ana"));
        assertThat(text(By.cssSelector("table.history tbody")))
                .contains("placed")
                .contains("customer user-")
                .contains("Inventory");
        browser.manage().window().setSize(new Dimension(1280, 1200));
        screenshot("order");
        assertThat(api.get("/oms/orders/" + orderId).data().get("status").stringValue())
                .isEqualTo("SHIPPED");
    }

    @Test
    void anActionTheOrderNoLongerAllowsIsRefusedWithTheApisErrorAndThePageCatchesUp() {
        String product = addProduct(5);
        String orderId = api.placeOrder("user-" + UUID.randomUUID(), product, 1);
        signIn("support-sam", "BACK_OFFICE_AND_WAREHOUSE");
        browser.get(console + "#/orders/" + orderId);
        await().atMost(LIVE)
                .until(() -> !browser.findElements(By.cssSelector("button[data-action='CANCELED']"))
                                .isEmpty()
                        && text(By.id("order-status")).equals("CONFIRMED"));
        // the page goes stale (its refresh timer no longer fires) while someone else pays and ships the order
        browser.executeScript("window.setTimeout = () => 0");
        assertThat(api.put("/oms/orders/" + orderId, "{\"status\":\"PAID\"}").status())
                .isEqualTo(200);
        assertThat(api.put("/oms/orders/" + orderId, "{\"status\":\"SHIPPED\"}").status())
                .isEqualTo(200);

        click(By.cssSelector("button[data-action='CANCELED']"));

        await().atMost(LIVE).until(() -> text(By.cssSelector(".outcome [role='alert']")), t -> t.startsWith("Refused"));
        assertThat(text(By.cssSelector(".outcome [role='alert']")))
                .contains("409")
                .contains("SHIPPED to CANCELED");
        await().atMost(LIVE).until(() -> text(By.id("order-status")), status -> status.equals("SHIPPED"));
        assertThat(browser.findElements(By.cssSelector("button[data-action='CANCELED']")))
                .isEmpty();
    }

    @Test
    void theWarehouseLandsOnStockRestocksAProductThatWasOutAndSeesTheAlert() {
        String product = addProduct(0);
        signIn("warehouse-jo", "WAREHOUSE");
        // the warehouse's role reaches stock only: it lands there, without the orders section
        await().atMost(LIVE).until(() -> text(By.cssSelector("h1")), heading -> heading.equals("Stock"));
        assertThat(browser.findElement(By.cssSelector("#nav a[data-section='orders']"))
                        .isDisplayed())
                .isFalse();
        assertThat(browser.findElement(By.id("health-waiting")).isDisplayed()).isFalse();
        await().atMost(LIVE)
                .until(() -> !browser.findElements(By.linkText(product)).isEmpty());
        browser.findElement(By.linkText(product)).click();
        WebElement units = await().atMost(LIVE).until(() -> browser.findElement(By.id("restock-units")), e -> true);
        units.clear();
        units.sendKeys("7");
        click(By.cssSelector("#restock button[type='submit']"));
        await().atMost(LIVE).until(() -> text(By.id("product-available")).equals("7"));

        click(By.linkText("← All products"));
        await().atMost(LIVE)
                .until(() ->
                        browser.findElements(By.cssSelector("#alerts li[data-product-id='" + product + "']")).stream()
                                .anyMatch(alert -> alert.getText().startsWith("Back in stock")));
        screenshot("stock");
        assertThat(api.get("/inventory/products/" + product)
                        .data()
                        .get("available")
                        .intValue())
                .isEqualTo(7);
    }

    @Test
    void aCustomersSignInIsRefusedAndNoTokenIsKeptOutsideThePagesMemory() {
        browser.get(console);
        await().atMost(LIVE).until(() -> !browser.findElements(By.id("sign-in")).isEmpty());
        screenshot("sign-in");
        click(By.id("sign-in"));
        await().atMost(LIVE)
                .until(() -> !browser.findElements(By.id("username")).isEmpty());
        screenshot("issuer-sign-in");
        browser.navigate().back();
        signIn("user-42", "CUSTOMER");

        await().atMost(LIVE).until(() -> text(By.id("main")).contains("Sign-in refused"));
        assertThat(text(By.id("main"))).contains("for the shop's staff");
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();

        signIn("support-kim", "BACK_OFFICE");
        await().atMost(LIVE).until(() -> text(By.cssSelector("h1")).equals("Orders"));
        assertThat(browser.getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
        Object stored = browser.executeScript(
                "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
        assertThat(String.valueOf(stored)).doesNotContain("eyJ");
    }

    @Test
    void thePagesFitAPhonesWidth() {
        browser.manage().window().setSize(new Dimension(390, 844));
        signIn("support-lee", "BACK_OFFICE_AND_WAREHOUSE");
        for (String page : List.of("#/orders", "#/stock")) {
            browser.get(console + page);
            await().atMost(LIVE).until(() -> text(By.cssSelector(".updated")).startsWith("Live"));
            screenshot(page.substring(2) + "-phone");
            assertThat(browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("%s scrolls sideways on a phone", page)
                    .isEqualTo(true);
        }
    }

    @Test
    void theMainPagesMeetWcag2LevelAaAsAxeChecksThem() {
        String product = addProduct(2);
        String orderId = api.placeOrder("user-" + UUID.randomUUID(), product, 1);
        browser.get(console);
        await().atMost(LIVE).until(() -> !browser.findElements(By.id("sign-in")).isEmpty());
        assertAccessible("the console's sign-in");
        click(By.id("sign-in"));
        await().atMost(LIVE)
                .until(() -> !browser.findElements(By.id("username")).isEmpty());
        assertAccessible("the development issuer's sign-in page");
        browser.navigate().back();
        signIn("support-axe", "BACK_OFFICE_AND_WAREHOUSE");
        for (String page : List.of("#/orders", "#/orders/" + orderId, "#/stock", "#/stock/" + product)) {
            browser.get(console + page);
            await().atMost(LIVE)
                    .until(() ->
                            text(By.cssSelector(".updated, #product-available")).matches("Live.*|Final.*|\\d+"));
            assertAccessible(page);
        }
    }

    private void assertAccessible(String page) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(browser);
        assertThat(results.getViolations())
                .as(
                        "%s: %s",
                        page,
                        results.getViolations().stream()
                                .map(v -> v.getId() + " (" + v.getNodes().size() + "): " + v.getHelp())
                                .toList())
                .isEmpty();
    }

    @Test
    void theApiContractIsReadableAtDocs() {
        browser.get(console + "docs/");

        await().atMost(LIVE).until(() -> text(By.tagName("body")).contains("/oms/orders/{orderId}/history"));
        screenshot("docs");
    }

    /** Through the console's button and the development issuer's page, as a person would. */
    private void signIn(String user, String role) {
        if (!browser.getCurrentUrl().startsWith(console)) {
            browser.get(console);
        }
        click(By.id("sign-in"));
        WebElement name = await().atMost(LIVE).until(() -> browser.findElement(By.id("username")), e -> true);
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.cssSelector("input[name='role'][value='" + role + "']"))
                .click();
        browser.findElement(By.id("sign-in")).click();
        if (!role.equals("CUSTOMER")) {
            // signed in once the console has traded the code and left the address bar at / with a section: a page
            // loaded before that would start without the token, which lives in the page's memory only
            await().atMost(LIVE).until(() -> text(By.id("who-name")), who -> who.equals("Signed in as " + user));
        }
    }

    private String statusInList(String orderId) {
        List<WebElement> cells =
                browser.findElements(By.cssSelector("tr[data-order-id='" + orderId + "'] td.order-status"));
        return cells.isEmpty() ? "" : cells.get(0).getText().replace(' ', '_');
    }

    /** Clicks once the element is there and enabled (the page redraws its live parts every few seconds). */
    private void click(By target) {
        await().atMost(LIVE)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    List<WebElement> found = browser.findElements(target);
                    if (found.isEmpty() || !found.get(0).isEnabled()) {
                        return false;
                    }
                    found.get(0).click();
                    return true;
                });
    }

    private String text(By element) {
        try {
            List<WebElement> found = browser.findElements(element);
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (StaleElementReferenceException redrawn) {
            return "";
        }
    }

    private String addProduct(int units) {
        String id = "sku-" + UUID.randomUUID().toString().substring(0, 8);
        var reply = api.post(
                "/inventory/products",
                "{\"productId\":\"" + id + "\",\"name\":\"Mug " + id + "\",\"quantity\":" + units
                        + ",\"lowStockThreshold\":3}");
        assertThat(reply.status()).isEqualTo(201);
        return id;
    }

    private void screenshot(String page) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(page + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
