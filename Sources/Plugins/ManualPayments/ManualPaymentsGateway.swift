// The manual bank-transfer gateway (being written).
