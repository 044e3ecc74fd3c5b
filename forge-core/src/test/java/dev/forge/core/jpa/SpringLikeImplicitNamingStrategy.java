package dev.forge.core.jpa;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;

/**
 * The implicit naming of Spring Boot's {@code SpringImplicitNamingStrategy}, which lives in
 * {@code spring-boot-hibernate} (not a dependency of the engine): JPA's rules, except that a
 * join table is named {@code <owning table>_<attribute>} instead of after both tables.
 */
public class SpringLikeImplicitNamingStrategy extends ImplicitNamingStrategyJpaCompliantImpl {

	@Override
	public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
		String name = source.getOwningPhysicalTableName() + "_"
				+ source.getAssociationOwningAttributePath().getProperty();
		return toIdentifier(name, source.getBuildingContext());
	}

}
