package main

import "testing"

func TestThousands(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "999": "999", "1000": "1,000", "4361": "4,361", "-4428545.03": "-4,428,545.03",
		"63560.937": "63,560.937", "123456789": "123,456,789", "-12": "-12",
	} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%q) = %q, want %q", in, got, want)
		}
	}
}
