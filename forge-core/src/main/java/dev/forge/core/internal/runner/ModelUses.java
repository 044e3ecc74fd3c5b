package dev.forge.core.internal.runner;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.forge.core.internal.model.ModelReader;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.Table;

/**
 * The tables and columns that model classes map to, as the model reader that generates
 * migrations maps them. Internal: use {@link dev.forge.core.NodeRegistration#ofModels}.
 */
public final class ModelUses {

	private ModelUses() {
	}

	/**
	 * Returns the tables ({@code users}) and columns ({@code users.legacy_email}) of models.
	 * @param models the {@code @ForgeModel} classes
	 * @return the names, lower case and sorted
	 */
	public static Set<String> of(Collection<Class<?>> models) {
		Set<String> uses = new TreeSet<>();
		for (Table table : new ModelReader().read(models).tables()) {
			String name = table.name().toLowerCase(Locale.ROOT);
			uses.add(name);
			for (Column column : table.columns()) {
				uses.add(name + "." + column.name().toLowerCase(Locale.ROOT));
			}
		}
		return uses;
	}

}
