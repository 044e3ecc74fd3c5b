package dev.forge.core;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

/**
 * Hands out new connections and keeps them open, ignoring {@code close()}, like a pool
 * that never forgets a session: lets a test look at the sessions FORGE used.
 */
final class KeptConnectionsDataSource extends ConnectionSourceSupport implements AutoCloseable {

	private final DataSource delegate;

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	KeptConnectionsDataSource(DataSource delegate) {
		this.delegate = delegate;
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = this.delegate.getConnection();
		this.connections.add(connection);
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(connection, args));
	}

	/**
	 * Returns every connection handed out, still open.
	 * @return the connections
	 */
	List<Connection> connections() {
		return List.copyOf(this.connections);
	}

	@Override
	public void close() throws SQLException {
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

}
