package io.sixjoin.jrc.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each distinct SQL string's {@link PreparedStatement} open for the life of the connection. The store's code
 * prepares statements per call (try-with-resources), which keeps it simple; SQLite compiles SQL on every
 * {@code prepareStatement}, and on the JRC's join path that compiling was a quarter of the store's time. So the
 * connection handed to store code is a proxy: {@code prepareStatement(sql)} returns the cached statement (wrapped
 * so that {@code close()} only clears its parameters and batch), and every other call goes to the real connection. Only used
 * under {@link Db}'s monitor, so it needs no locking of its own.
 */
final class StatementCache {
    /** The SQL the store uses is a fixed, small set; the bound only guards against a mistake building SQL. */
    private static final int MAX_STATEMENTS = 256;

    private final Connection real;
    private final Connection proxy;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    StatementCache(Connection real) {
        this.real = real;
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The connection store code should use. */
    Connection connection() {
        return proxy;
    }

    void closeAll() {
        for (PreparedStatement s : cache.values()) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // closing the connection next releases it anyway
            }
        }
        cache.clear();
    }

    private Object onConnection(Object self, Method m, Object[] args) throws Throwable {
        if (m.getName().equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql) {
            PreparedStatement s = cache.get(sql);
            if (s == null) {
                s = real.prepareStatement(sql);
                if (cache.size() < MAX_STATEMENTS) {
                    cache.put(sql, s);
                } else {
                    return s; // not cached: the caller's close() really closes it
                }
            }
            return reusable(s);
        }
        return invoke(real, m, args);
    }

    private static PreparedStatement reusable(PreparedStatement s) {
        InvocationHandler h = (self, m, args) -> {
            if (m.getName().equals("close") && (args == null || args.length == 0)) {
                // what a real close would discard: bound values and a batch a failed executeBatch left behind
                s.clearParameters();
                s.clearBatch();
                return null;
            }
            return invoke(s, m, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, h);
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
