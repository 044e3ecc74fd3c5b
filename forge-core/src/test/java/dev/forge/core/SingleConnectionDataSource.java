package dev.forge.core;

import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * Hands out one connection again and again, ignoring {@code close()}, like a pool of one:
 * lets a test look at the session FORGE used.
 */
final class SingleConnectionDataSource extends ConnectionSourceSupport {

	private final Connection connection;

	SingleConnectionDataSource(Connection connection) {
		this.connection = connection;
	}

	@Override
	public Connection getConnection() {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> method.getName().equals("close") ? null
						: method.invoke(this.connection, args));
	}

}
