package dev.forge.core.jpa.shapes;

import java.io.Serializable;

import jakarta.persistence.Embeddable;

/** A composite key. */
@Embeddable
public class LineKey implements Serializable {

	Long shipmentId;

	int lineNo;

	@Override
	public boolean equals(Object other) {
		return other instanceof LineKey key && key.lineNo == this.lineNo
				&& java.util.Objects.equals(key.shipmentId, this.shipmentId);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(this.shipmentId, this.lineNo);
	}

}
