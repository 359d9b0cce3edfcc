package org.logtally.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.logtally.embedded.PostgresTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class BreakdownsResourceTest {

    private static final String PATHS = "/api/v1/breakdowns/paths";

    @BeforeEach
    void insertFixture() {
        TestData.reset();
    }

    @Test
    void siteVisitorsAreDistinctOverRange() {
        // Visitor a requested "/" on two days and counts once.
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-19").queryParam("site", "blog")
                .when().get(PATHS)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("value", contains("/", "/about"))
                .body("hits", contains(11, 4))
                .body("visitors", contains(2, 1));
    }

    @Test
    void allSitesVisitorsAreDistinctAcrossSites() {
        // Visitor b requested "/" on both sites and counts once.
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-20")
                .when().get(PATHS)
                .then().statusCode(200)
                .body("value", contains("/", "/about"))
                .body("hits", contains(14, 4))
                .body("visitors", contains(3, 1));
    }

    @Test
    void rangeLimitsTheDays() {
        given().queryParam("from", "2015-05-19").queryParam("to", "2015-05-19").queryParam("site", "blog")
                .when().get(PATHS)
                .then().statusCode(200)
                .body("value", contains("/"))
                .body("hits", contains(5))
                .body("visitors", contains(1));
    }

    @Test
    void limitKeepsTopValues() {
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-20").queryParam("limit", "1")
                .when().get(PATHS)
                .then().statusCode(200)
                .body("value", contains("/"));
    }

    @Test
    void equalHitsAreOrderedByValue() {
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-17").queryParam("site", "blog")
                .when().get("/api/v1/breakdowns/status")
                .then().statusCode(200)
                .body("value", contains("2xx", "4xx"))
                .body("hits", contains(5, 5))
                .body("visitors", contains(2, 1));
    }

    @Test
    void dimensionWithoutDataIsEmpty() {
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-20")
                .when().get("/api/v1/breakdowns/countries")
                .then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void defaultsEndAtLatestDay() {
        // The default range is the 31 days up to 2015-05-20, which contains all the fixture's paths.
        given().when().get(PATHS)
                .then().statusCode(200)
                .body("value", contains("/", "/about"))
                .body("hits", contains(14, 4));
    }

    @Test
    void unknownDimensionIsRejected() {
        given().when().get("/api/v1/breakdowns/cities")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("parameter", equalTo("dimension"))
                .body("message", containsString("\"cities\""))
                .body("message", containsString("status, paths, referrers, countries, browsers, os, devices"));
    }

    @Test
    void limitOutOfRangeIsRejected() {
        for (String limit : new String[] {"0", "1001", "-1", "ten", "", "1.5"}) {
            given().queryParam("limit", limit)
                    .when().get(PATHS)
                    .then().statusCode(400)
                    .body("parameter", equalTo("limit"))
                    .body("message", containsString("from 1 to 1000"));
        }
    }

    @Test
    void maximumLimitIsServed() {
        given().queryParam("limit", "1000")
                .when().get(PATHS)
                .then().statusCode(200)
                .body("value", contains("/", "/about"));
    }

    @Test
    void badDateIsRejected() {
        given().queryParam("from", "2015-02-30")
                .when().get(PATHS)
                .then().statusCode(400)
                .body("parameter", equalTo("from"));
    }

    @Test
    void fromAfterToIsRejected() {
        given().queryParam("from", "2015-05-20").queryParam("to", "2015-05-17")
                .when().get(PATHS)
                .then().statusCode(400)
                .body("parameter", equalTo("from"));
    }

    @Test
    void emptySiteIsRejected() {
        given().queryParam("site", "")
                .when().get(PATHS)
                .then().statusCode(400)
                .body("parameter", equalTo("site"));
    }
}
