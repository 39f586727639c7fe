package io.cachebreaker.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The list matching behind {@code If-Match}, {@code If-None-Match} and {@code If-Range}, unit by unit. */
class EntityTagsTest {
    private static final String TAG = "\"abc\"";

    @Test
    void aStarMatchesAnything() {
        assertTrue(EntityTags.matches("*", TAG, true));
        assertTrue(EntityTags.matches(" * ", TAG, false));
        assertFalse(EntityTags.matches("**", TAG, false));
        assertFalse(EntityTags.matches("\"x\", *", TAG, false), "a star inside a list is malformed");
    }

    @Test
    void weakTagsMatchOnlyInTheWeakComparison() {
        assertTrue(EntityTags.matches(TAG, TAG, true));
        assertTrue(EntityTags.matches(TAG, TAG, false));
        assertTrue(EntityTags.matches("W/" + TAG, TAG, false));
        assertFalse(EntityTags.matches("W/" + TAG, TAG, true));
        assertTrue(EntityTags.matches("W/" + TAG + ", " + TAG, TAG, true), "the strong one further on counts");
    }

    @Test
    void theWholeTagMustMatch() {
        assertFalse(EntityTags.matches("\"abcd\"", TAG, false));
        assertFalse(EntityTags.matches("\"ab\"", TAG, false));
        assertFalse(EntityTags.matches("\"xabc\"", TAG, false));
        assertFalse(EntityTags.matches("abc", TAG, false), "unquoted");
        assertFalse(EntityTags.matches("", TAG, false));
        assertFalse(EntityTags.matches(" ,\t, ", TAG, false), "separators only");
    }

    @Test
    void listsAreScannedPastSeparatorsAndOtherTags() {
        assertTrue(EntityTags.matches("\"x\",\"y\"," + TAG, TAG, true));
        assertTrue(EntityTags.matches("\t\"x\" ,\t" + TAG + " ,", TAG, true));
        assertTrue(EntityTags.matches(",,," + TAG, TAG, true));
        assertTrue(EntityTags.matches("\"a,b\", " + TAG, TAG, true), "a comma inside a tag is part of it");
    }

    /** A malformed element ends the scan without a match, even if the tag follows. */
    @Test
    void malformedListsMatchNothing() {
        assertFalse(EntityTags.matches("\"x\", W/", TAG, false), "a list ending in a bare W/");
        assertFalse(EntityTags.matches("W/", TAG, false));
        assertFalse(EntityTags.matches("\"x\", W/x, " + TAG, TAG, false), "W/ not followed by a quote");
        assertFalse(EntityTags.matches("\"x\", junk, " + TAG, TAG, false));
        assertFalse(EntityTags.matches("\"x\", \"unterminated", TAG, false));
        assertTrue(EntityTags.matches("\"x\"" + TAG, TAG, false), "adjacent tags are read one after the other");
    }

    /**
     * The cap: a list up to {@value EntityTags#MAX_LENGTH} characters is scanned, a longer one matches nothing, even
     * when it names the tag. Were the cap to answer "match", every long {@code If-None-Match} would turn into a 304.
     */
    @Test
    void aListLongerThanTheCapMatchesNothing() {
        String filler = "\"x\", ";
        String atCap = " ".repeat(EntityTags.MAX_LENGTH - TAG.length() - filler.length()) + filler + TAG;
        assertTrue(EntityTags.matches(atCap, TAG, true), "exactly at the cap: scanned");
        assertFalse(EntityTags.matches(" " + atCap, TAG, true), "one past the cap: not scanned");
        assertFalse(EntityTags.matches(filler.repeat(EntityTags.MAX_LENGTH / filler.length()) + TAG, TAG, false));
        assertTrue(EntityTags.matches(" ".repeat(EntityTags.MAX_LENGTH) + "*", TAG, false),
                "a star is recognised before the cap");
    }
}
