package io.cachebreaker.runtime.tokenfile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Version tokens, ordered as Maven orders versions ({@code ComparableVersion}): {@code 1.9.0 < 1.10.0},
 * {@code 1.0-alpha-1 < 1.0-rc1 < 1.0-SNAPSHOT < 1.0 < 1.0-sp1}, and a snapshot token
 * {@code 1.0-SNAPSHOT-20261124213206} older than the release {@code 1.0}.
 *
 * <p>The runtime has no dependencies, so this is its own implementation of Maven's documented rules; the plugin's
 * tests hold it against Maven's {@code ComparableVersion}.
 *
 * <ul>
 *   <li>A version splits at {@code .}, at {@code -}, and between a digit and a letter; an empty part counts as 0.
 *   <li>{@code -} (and a digit-letter switch) opens a nested list, so {@code 1-1} compares below {@code 1.1}. A
 *       qualifier after a dot also gets a list of its own, so {@code 1.0.rc1} compares like {@code 1.0-rc1}.
 *   <li>Trailing "null" parts (0, {@code ""}, {@code final}, {@code ga}, {@code release}) do not count.
 *   <li>Known qualifiers order {@code alpha < beta < milestone < rc = cr < snapshot < (release) < sp}; others sort
 *       after {@code sp}, by text. {@code a1}, {@code b1}, {@code m1} mean alpha, beta, milestone.
 *   <li>A number beats a list, which beats a qualifier.
 * </ul>
 */
final class VersionTokenOrder implements TokenOrder {

    @Override
    public boolean accepts(String token) {
        return TokenSyntax.isValid(token);
    }

    @Override
    public int compare(String a, String b) {
        int byVersion = parse(a).compareTo(parse(b));
        // Different spellings of one version (1.0 and 1.0.0) still need an order, or it would not be antisymmetric.
        return byVersion != 0 ? byVersion : a.compareTo(b);
    }

    static ListItem parse(String version) {
        String v = version.toLowerCase(Locale.ROOT);
        ListItem root = new ListItem();
        List<ListItem> opened = new ArrayList<>();
        opened.add(root);
        ListItem list = root;
        boolean digit = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' || c == '-') {
                list.add(i == start ? IntItem.ZERO : item(digit, v.substring(start, i), false));
                start = i + 1;
                if (c == '-') {
                    list = openList(list, opened);
                }
            } else if (c >= '0' && c <= '9') {
                if (!digit && i > start) {
                    // A qualifier after a dot ("1.0.rc1") sits in a list of its own, as after a dash ("1.0-rc1").
                    if (!list.isEmpty()) {
                        list = openList(list, opened);
                    }
                    list.add(new StringItem(v.substring(start, i), true));
                    start = i;
                    list = openList(list, opened);
                }
                digit = true;
            } else {
                if (digit && i > start) {
                    list.add(item(true, v.substring(start, i), false));
                    start = i;
                    list = openList(list, opened);
                }
                digit = false;
            }
        }
        if (v.length() > start) {
            // Likewise a trailing qualifier: "1.0.alpha" compares like "1.0-alpha".
            if (!digit && !list.isEmpty()) {
                list = openList(list, opened);
            }
            list.add(item(digit, v.substring(start), false));
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).normalize();
        }
        return root;
    }

    private static ListItem openList(ListItem parent, List<ListItem> opened) {
        ListItem child = new ListItem();
        parent.add(child);
        opened.add(child);
        return child;
    }

    private static Item item(boolean digit, String text, boolean followedByDigit) {
        return digit ? new IntItem(new BigInteger(text)) : new StringItem(text, followedByDigit);
    }

    /** One part of a parsed version. Comparing with {@code null} compares with an absent part. */
    interface Item extends Comparable<Item> {
        int INT = 0;
        int STRING = 1;
        int LIST = 2;

        int kind();

        boolean isNull();
    }

    static final class IntItem implements Item {
        static final IntItem ZERO = new IntItem(BigInteger.ZERO);

        final BigInteger value;

        IntItem(BigInteger value) {
            this.value = value;
        }

        @Override
        public int kind() {
            return INT;
        }

        @Override
        public boolean isNull() {
            return value.signum() == 0;
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return isNull() ? 0 : 1;
            }
            return other.kind() == INT ? value.compareTo(((IntItem) other).value) : 1;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    static final class StringItem implements Item {
        private static final List<String> QUALIFIERS =
                List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
        private static final String RELEASE = String.valueOf(QUALIFIERS.indexOf(""));

        final String value;

        StringItem(String text, boolean followedByDigit) {
            String value = text;
            if (followedByDigit && value.length() == 1) {
                switch (value.charAt(0)) {
                    case 'a' -> value = "alpha";
                    case 'b' -> value = "beta";
                    case 'm' -> value = "milestone";
                    default -> { }
                }
            }
            this.value = switch (value) {
                case "ga", "final", "release" -> "";
                case "cr" -> "rc";
                default -> value;
            };
        }

        /** Known qualifiers by their rank; unknown ones after all of them, by text. */
        private static String rank(String qualifier) {
            int index = QUALIFIERS.indexOf(qualifier);
            return index >= 0 ? String.valueOf(index) : QUALIFIERS.size() + "-" + qualifier;
        }

        @Override
        public int kind() {
            return STRING;
        }

        @Override
        public boolean isNull() {
            return value.isEmpty();
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return rank(value).compareTo(RELEASE);
            }
            return switch (other.kind()) {
                case STRING -> rank(value).compareTo(rank(((StringItem) other).value));
                default -> -1;
            };
        }

        @Override
        public String toString() {
            return value;
        }
    }

    static final class ListItem extends ArrayList<Item> implements Item {
        private static final long serialVersionUID = 1L;

        @Override
        public int kind() {
            return LIST;
        }

        @Override
        public boolean isNull() {
            return isEmpty();
        }

        /** Drops trailing null parts, which is why 1.0 equals 1 and 1.0-ga equals 1. */
        void normalize() {
            for (int i = size() - 1; i >= 0; i--) {
                Item last = get(i);
                if (last.isNull()) {
                    remove(i);
                } else if (last.kind() != LIST) {
                    break;
                }
            }
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                // Every part counts against an absent one, not just the first: "1-0.1" is above "1".
                for (Item item : this) {
                    int result = item.compareTo(null);
                    if (result != 0) {
                        return result;
                    }
                }
                return 0;
            }
            switch (other.kind()) {
                case INT:
                    return -1;
                case STRING:
                    return 1;
                default:
                    break;
            }
            ListItem that = (ListItem) other;
            int size = Math.max(size(), that.size());
            for (int i = 0; i < size; i++) {
                Item l = i < size() ? get(i) : null;
                Item r = i < that.size() ? that.get(i) : null;
                int result = l == null ? (r == null ? 0 : -r.compareTo(null)) : l.compareTo(r);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
