package org.logtally.counter;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownRowsTest {

    private static final LocalDate DAY = LocalDate.of(2015, 5, 17);
    private static final byte[] VISITOR = CountingRules.visitorHash("192.0.2.1", "curl/8.5.0");
    private static final byte[] OTHER_VISITOR = CountingRules.visitorHash("192.0.2.2", "curl/8.5.0");

    @Test
    void rowKnownOnlyAfterItsCommit() {
        KnownRows rows = new KnownRows(100);
        KnownRows.Key key = KnownRows.visitor(KnownRows.VISITORS, "site", DAY, VISITOR);

        assertFalse(rows.contains(key));
        rows.addCommitted(List.of(key));

        assertTrue(rows.contains(key));
        assertTrue(rows.contains(KnownRows.visitor(KnownRows.VISITORS, "site", DAY, VISITOR.clone())),
                "keys compare the bytes of the visitor hash, not the array");
    }

    @Test
    void eachPartOfTheKeyTellsRowsApart() {
        KnownRows rows = new KnownRows(100);
        rows.addCommitted(List.of(
                KnownRows.visitor(KnownRows.VISITORS, "site", DAY, VISITOR),
                KnownRows.breakdown(Dimension.PATHS, "/", "site", DAY, VISITOR)));

        assertFalse(rows.contains(KnownRows.visitor(KnownRows.BOT_VISITORS, "site", DAY, VISITOR)));
        assertFalse(rows.contains(KnownRows.visitor(KnownRows.VISITORS, "other-site", DAY, VISITOR)));
        assertFalse(rows.contains(KnownRows.visitor(KnownRows.VISITORS, "site", DAY.plusDays(1), VISITOR)));
        assertFalse(rows.contains(KnownRows.visitor(KnownRows.VISITORS, "site", DAY, OTHER_VISITOR)));
        assertFalse(rows.contains(KnownRows.breakdown(Dimension.PATHS, "/about", "site", DAY, VISITOR)));
        assertFalse(rows.contains(KnownRows.breakdown(Dimension.REFERRERS, "/", "site", DAY, VISITOR)));
    }

    @Test
    void capacityZeroRemembersNothing() {
        KnownRows rows = new KnownRows(0);
        KnownRows.Key key = KnownRows.visitor(KnownRows.VISITORS, "site", DAY, VISITOR);
        rows.addCommitted(List.of(key));

        assertFalse(rows.contains(key));
    }
}
