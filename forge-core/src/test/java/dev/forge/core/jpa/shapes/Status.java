package dev.forge.core.jpa.shapes;

/** An enum stored by name or by ordinal. */
public enum Status {

	OPEN, IN_PROGRESS, DONE

}
