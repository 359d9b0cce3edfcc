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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class DailyVisitorsResourceTest {

    private static final String DAILY = "/api/v1/visitors/daily";

    @BeforeEach
    void insertFixture() {
        TestData.reset();
    }

    @Test
    void gapDaysAreFilledWithZeros() {
        given().queryParam("from", "2015-05-16").queryParam("to", "2015-05-20").queryParam("site", "blog")
                .when().get(DAILY)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("day", contains("2015-05-16", "2015-05-17", "2015-05-18", "2015-05-19", "2015-05-20"))
                .body("visitors", contains(0, 2, 0, 1, 0))
                .body("hits", contains(0, 10, 0, 5, 0))
                .body("bytes", contains(0, 1000, 0, 500, 0));
    }

    @Test
    void botCountsPerSiteAndDay() {
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-19").queryParam("site", "blog")
                .when().get(DAILY)
                .then().statusCode(200)
                .body("botHits", contains(2, 0, 0))
                .body("botVisitors", contains(1, 0, 0));
    }

    @Test
    void allSitesCountDistinctBotVisitors() {
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-17")
                .when().get(DAILY)
                .then().statusCode(200)
                .body("botHits", contains(3))
                .body("botVisitors", contains(1));
    }

    @Test
    void siteFilterReadsOnlyThatSite() {
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-17").queryParam("site", "shop")
                .when().get(DAILY)
                .then().statusCode(200)
                .body("day", contains("2015-05-17"))
                .body("visitors", contains(2))
                .body("hits", contains(3))
                .body("bytes", contains(300));
    }

    @Test
    void unknownSiteGetsZeros() {
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-18").queryParam("site", "nowhere")
                .when().get(DAILY)
                .then().statusCode(200)
                .body("day", contains("2015-05-17", "2015-05-18"))
                .body("hits", everyItem(equalTo(0)))
                .body("visitors", everyItem(equalTo(0)));
    }

    @Test
    void allSitesCountDistinctVisitors() {
        given().queryParam("from", "2015-05-17").queryParam("to", "2015-05-20")
                .when().get(DAILY)
                .then().statusCode(200)
                .body("day", contains("2015-05-17", "2015-05-18", "2015-05-19", "2015-05-20"))
                .body("visitors", contains(3, 0, 1, 1))
                .body("hits", contains(13, 0, 5, 7))
                .body("bytes", contains(1300, 0, 500, 700));
    }

    @Test
    void defaultsEndAtLatestDay() {
        given().when().get(DAILY)
                .then().statusCode(200)
                .body("$", hasSize(31))
                .body("[0].day", equalTo("2015-04-20"))
                .body("[30].day", equalTo("2015-05-20"))
                .body("[30].hits", equalTo(7));
    }

    @Test
    void toDefaultsToLatestSiteDay() {
        given().queryParam("from", "2015-05-18").queryParam("site", "blog")
                .when().get(DAILY)
                .then().statusCode(200)
                .body("day", contains("2015-05-18", "2015-05-19"));
    }

    @Test
    void fromDefaultsToDefaultRange() {
        given().queryParam("to", "2015-05-10")
                .when().get(DAILY)
                .then().statusCode(200)
                .body("$", hasSize(31))
                .body("[0].day", equalTo("2015-04-10"))
                .body("[30].day", equalTo("2015-05-10"));
    }

    @Test
    void rangeOfMaximumLengthIsServed() {
        given().queryParam("from", "2014-05-20").queryParam("to", "2015-05-20")
                .when().get(DAILY)
                .then().statusCode(200)
                .body("$", hasSize(366));
    }

    @Test
    void malformedFromIsRejected() {
        given().queryParam("from", "2015-13-01").queryParam("to", "2015-05-20")
                .when().get(DAILY)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("parameter", equalTo("from"))
                .body("message", equalTo("from must be a date in the form YYYY-MM-DD, got \"2015-13-01\""));
    }

    @Test
    void emptyFromIsRejected() {
        given().queryParam("from", "").queryParam("to", "2015-05-20")
                .when().get(DAILY)
                .then().statusCode(400)
                .body("parameter", equalTo("from"))
                .body("message", equalTo("from must be a date in the form YYYY-MM-DD, got \"\""));
    }

    @Test
    void malformedToIsRejected() {
        given().queryParam("from", "2015-05-01").queryParam("to", "2015-5-1")
                .when().get(DAILY)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("parameter", equalTo("to"))
                .body("message", equalTo("to must be a date in the form YYYY-MM-DD, got \"2015-5-1\""));
    }

    @Test
    void fromAfterToIsRejected() {
        given().queryParam("from", "2015-05-21").queryParam("to", "2015-05-20")
                .when().get(DAILY)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("parameter", equalTo("from"))
                .body("message", equalTo("from must not be after to, got from 2015-05-21 and to 2015-05-20"));
    }

    @Test
    void fromAfterDefaultToIsRejected() {
        given().queryParam("from", "2015-06-01")
                .when().get(DAILY)
                .then().statusCode(400)
                .body("parameter", equalTo("from"))
                .body("message", containsString("defaults to 2015-05-20"));
    }

    @Test
    void rangeOverMaximumIsRejected() {
        given().queryParam("from", "2014-05-19").queryParam("to", "2015-05-20")
                .when().get(DAILY)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("parameter", equalTo("from"))
                .body("message", containsString("spans 367 days, more than the maximum of 366"));
    }

    @Test
    void emptySiteIsRejected() {
        given().queryParam("site", "").queryParam("from", "2015-05-17").queryParam("to", "2015-05-17")
                .when().get(DAILY)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("parameter", equalTo("site"))
                .body("message", containsString("site must be a non-empty site name"));
    }

    @Test
    void sitesListsSitesWithData() {
        given().when().get("/api/v1/sites")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("$", contains("blog", "shop"));
    }
}
