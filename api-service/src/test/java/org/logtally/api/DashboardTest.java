package org.logtally.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.logtally.embedded.PostgresTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class DashboardTest {

    @Test
    void dashboardPageIsServed() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>logtally dashboard</title>"))
                .body(containsString("src=\"dashboard.js\""))
                .body(not(containsString("src=\"http")))
                .body(not(containsString("href=\"http")));
    }

    @Test
    void dashboardHasBreakdownPanels() {
        String page = given().when().get("/").then().statusCode(200).extract().asString();
        for (String dimension : new String[] {"paths", "referrers", "countries", "browsers", "os", "devices",
                "status"}) {
            assertTrue(page.contains("data-dimension=\"" + dimension + "\""),
                    "no panel for " + dimension);
        }
    }

    @Test
    void dashboardScriptCallsOwnApi() {
        given().when().get("/dashboard.js")
                .then().statusCode(200)
                .body(containsString("api/v1/visitors/daily"))
                .body(containsString("api/v1/sites"))
                .body(containsString("api/v1/breakdowns/"));
    }

    @Test
    void dashboardStylesheetIsServed() {
        given().when().get("/dashboard.css")
                .then().statusCode(200)
                .contentType(containsString("text/css"));
    }
}
