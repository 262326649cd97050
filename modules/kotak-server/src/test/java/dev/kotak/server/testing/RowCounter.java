package dev.kotak.server.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.openjpa.lib.jdbc.ConnectionDecorator;

/**
 * Counts the rows the database hands the server, by table, for tests that check how much a read costs in rows
 * rather than in time. Installed by OpenJPA itself: {@link #PROPERTY} in {@code james-database.properties}.
 *
 * <p>A row of a query is counted against each of {@link #TABLES} its SQL names (the server's queries for a
 * message's keywords join {@code JAMES_MAIL} to {@code JAMES_MAIL_USERFLAG}: such a row counts as a keyword row).
 * Queries are counted too, on every table. The counts are static because OpenJPA creates the decorator; every test class runs in a JVM of its own.
 */
public final class RowCounter implements ConnectionDecorator {
    public static final String PROPERTY = "openjpa.jdbc.ConnectionDecorators=" + RowCounter.class.getName() + "\n";
    private static final List<String> TABLES = List.of("JAMES_MAIL_USERFLAG", "JAMES_MAIL_PROPERTY");
    private static final Map<String, LongAdder> ROWS = new ConcurrentHashMap<>();
    private static final LongAdder QUERIES = new LongAdder();

    /** Forgets what was counted so far. */
    public static void reset() {
        ROWS.clear();
        QUERIES.reset();
    }

    /** The queries run since the last {@link #reset()}, on any table. */
    public static long queries() {
        return QUERIES.sum();
    }

    /** The rows read from {@code table} since the last {@link #reset()}. */
    public static long rowsOf(String table) {
        LongAdder rows = ROWS.get(table);
        return rows == null ? 0 : rows.sum();
    }

    @Override
    public Connection decorate(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (result instanceof PreparedStatement && args != null && args[0] instanceof String) {
                return statement((PreparedStatement) result, (String) args[0]);
            }
            return result;
        });
    }

    private static PreparedStatement statement(PreparedStatement statement, String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        List<String> tables = TABLES.stream().filter(upper::contains).collect(java.util.stream.Collectors.toList());
        return proxy(PreparedStatement.class, statement, (method, args, result) -> {
            if (method.getName().equals("executeQuery")) {
                QUERIES.increment();
            }
            return result instanceof ResultSet && !tables.isEmpty()
                ? rows((ResultSet) result, tables)
                : result;
        });
    }

    private static ResultSet rows(ResultSet result, List<String> tables) {
        return proxy(ResultSet.class, result, (next, nextArgs, hasRow) -> {
            if (next.getName().equals("next") && Boolean.TRUE.equals(hasRow)) {
                tables.forEach(table -> ROWS.computeIfAbsent(table, ignored -> new LongAdder()).increment());
            }
            return hasRow;
        });
    }

    /** What to do with the result of a call made on the wrapped object. */
    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(RowCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
