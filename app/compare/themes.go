package compare

type Matrix struct{}
