package busmanager.db;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import busmanager.http.Reply;

/**
 * Streams {@code [row, row, ...]} from a cursor: rows are fetched in batches and written as they arrive,
 * so a list of 100 000 trips never sits in memory. The first row is read before the 200 is sent, so a
 * failing query still becomes a proper error response.
 */
final class JsonArrayReply implements Reply {
    private static final int FETCH_SIZE = 256;
    private final DataSource pool;
    private final String sql;
    private final Object[] params;

    JsonArrayReply(DataSource pool, String sql, Object[] params) {
        this.pool = pool;
        this.sql = sql;
        this.params = params;
    }

    @Override
    public void send(HttpExchange exchange) throws IOException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // a cursor (fetch size) needs a transaction
            c.setReadOnly(true);
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setFetchSize(FETCH_SIZE);
                Sql.bind(c, st, params);
                try (ResultSet rs = st.executeQuery()) {
                    boolean any = rs.next();
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 16 * 1024)) {
                        out.write('[');
                        boolean first = true;
                        while (any) {
                            if (!first) {
                                out.write(',');
                            }
                            out.write(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                            first = false;
                            any = rs.next();
                        }
                        out.write(']');
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
