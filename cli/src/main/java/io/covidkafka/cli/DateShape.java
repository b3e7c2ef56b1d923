package io.covidkafka.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Learns which numeric date layouts fit every value of a column: year-month-day, day-month-year or
 * month-day-year, with the separator, digit widths and 2- or 4-digit years actually seen. Produces patterns in the
 * schema core's letters ({@code dd-MM-yyyy}, {@code M/d/yyyy}, {@code d/M/yy}).
 */
final class DateShape {
    private static final int YMD = 0, DMY = 1, MDY = 2;
    private static final String[] ORDER_NAMES = {"year-month-day", "day-month-year", "month-day-year"};

    private final boolean[] fits = {true, true, true};
    private char separator;
    private boolean any;
    private boolean broken;
    // digit widths seen per component (bit 1 = one digit, bit 2 = two digits, bit 4 = four-digit year)
    private final int[][] widths = new int[3][3]; // [order][0=day,1=month,2=year]

    /** Feeds one value's date part; false when it cannot be a date in any layout (then the shape is dead). */
    boolean accept(CharSequence s, int start, int end) {
        if (broken) {
            return false;
        }
        int[] g = new int[3];
        int[] w = new int[3];
        int p = start;
        char sep = 0;
        for (int k = 0; k < 3; k++) {
            int from = p;
            int v = 0;
            while (p < end && Character.isDigit(s.charAt(p)) && p - from < 4) {
                v = v * 10 + (s.charAt(p) - '0');
                p++;
            }
            w[k] = p - from;
            g[k] = v;
            if (w[k] == 0 || w[k] == 3) {
                return fail();
            }
            if (k < 2) {
                if (p >= end) {
                    return fail();
                }
                char c = s.charAt(p++);
                if (c != '-' && c != '/' && c != '.') {
                    return fail();
                }
                if (sep == 0) {
                    sep = c;
                } else if (c != sep) {
                    return fail();
                }
            }
        }
        if (p != end || (any && sep != separator)) {
            return fail();
        }
        separator = sep;
        any = true;
        // YMD: 4-digit year first
        check(YMD, w[0] == 4 && w[1] <= 2 && w[2] <= 2, g[2], g[1], g[0], w[2], w[1], w[0]);
        check(DMY, w[0] <= 2 && w[1] <= 2 && (w[2] == 4 || w[2] == 2), g[0], g[1], g[2], w[0], w[1], w[2]);
        check(MDY, w[0] <= 2 && w[1] <= 2 && (w[2] == 4 || w[2] == 2), g[1], g[0], g[2], w[1], w[0], w[2]);
        if (!fits[YMD] && !fits[DMY] && !fits[MDY]) {
            return fail();
        }
        return true;
    }

    private void check(int order, boolean layout, int day, int month, int year, int dw, int mw, int yw) {
        if (!fits[order]) {
            return;
        }
        if (!layout || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(yw == 2 ? 2000 + year : year, month)) {
            fits[order] = false;
            return;
        }
        widths[order][0] |= dw;
        widths[order][1] |= mw;
        widths[order][2] |= yw;
    }

    private boolean fail() {
        broken = true;
        return false;
    }

    boolean fitsAll() {
        return any && !broken;
    }

    /** Both day-first and month-first fit every value: the data cannot tell which one it is. */
    boolean ambiguous() {
        return fitsAll() && fits[DMY] && fits[MDY];
    }

    private int chosenOrder() {
        if (fits[YMD]) {
            return YMD;
        }
        if (fits[DMY] && fits[MDY]) {
            return separator == '/' ? MDY : DMY; // slashes are usually US spreadsheets, dashes and dots day-first
        }
        return fits[DMY] ? DMY : MDY;
    }

    String chosenOrderName() {
        return ORDER_NAMES[chosenOrder()];
    }

    /** The pattern(s) that parse every value seen; two when both 4- and 2-digit years occur. */
    List<String> patterns() {
        int o = chosenOrder();
        String d = widths[o][0] == 2 ? "dd" : "d";
        String m = widths[o][1] == 2 ? "MM" : "M";
        List<String> out = new ArrayList<>();
        if ((widths[o][2] & 4) != 0) {
            out.add(layout(o, d, m, "yyyy"));
        }
        if ((widths[o][2] & 2) != 0) {
            out.add(layout(o, d, m, "yy"));
        }
        return out;
    }

    /** The other reading of an ambiguous column, for the warning. */
    List<String> alternativePatterns() {
        int o = chosenOrder() == DMY ? MDY : DMY;
        String d = widths[o][0] == 2 ? "dd" : "d";
        String m = widths[o][1] == 2 ? "MM" : "M";
        return List.of(layout(o, d, m, (widths[o][2] & 4) != 0 ? "yyyy" : "yy"));
    }

    boolean twoDigitYears() {
        return (widths[chosenOrder()][2] & 2) != 0;
    }

    private String layout(int order, String d, String m, String y) {
        String s = String.valueOf(separator);
        return switch (order) {
            case YMD -> y + s + m + s + d;
            case DMY -> d + s + m + s + y;
            default -> m + s + d + s + y;
        };
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> ((year & 3) == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
