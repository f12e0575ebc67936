package golang

import (
	"golang.org/x/tools/go/analysis"

	"skillgate.dev/skillgate/analyzers/golang/decoded"
	"skillgate.dev/skillgate/analyzers/golang/dyncode"
	"skillgate.dev/skillgate/analyzers/golang/envread"
	"skillgate.dev/skillgate/analyzers/golang/execcall"
	"skillgate.dev/skillgate/analyzers/golang/exfil"
	"skillgate.dev/skillgate/analyzers/golang/fileaccess"
	"skillgate.dev/skillgate/analyzers/golang/initeffect"
	"skillgate.dev/skillgate/analyzers/golang/netcall"
	"skillgate.dev/skillgate/analyzers/golang/revshell"
	"skillgate.dev/skillgate/analyzers/golang/trigger"
)

// Passes returns skillgate's Go passes (their shared goflow model runs as
// a requirement).
func Passes() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		netcall.Analyzer, execcall.Analyzer, dyncode.Analyzer, fileaccess.Analyzer,
		envread.Analyzer, revshell.Analyzer, initeffect.Analyzer, trigger.Analyzer,
		decoded.Analyzer, exfil.Analyzer,
	}
}

// ruleIDs are every rule the passes and the driver report.
var ruleIDs = []string{
	"SG2002", "SG2003", "SG2004", "SG2005", "SG2006", "SG2007", "SG2008", "SG2009", "SG2010",
	"SG2012", "SG2014", "SG2017", "SG2300", "SG3001", "SG3004", "SG4001", "SG4002", "SG5001",
	"SG5002", "SG5003", "SG6002", ruleUnparsed,
}
