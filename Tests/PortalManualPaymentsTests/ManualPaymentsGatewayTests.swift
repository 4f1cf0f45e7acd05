// Tests of the manual gateway (being written).
