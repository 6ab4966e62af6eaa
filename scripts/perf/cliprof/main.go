// Command cliprof runs one command of the command line many times in one
// process, under a CPU profile, to see where a command's own time goes
// (process start and package initialisation, which every command pays,
// are left out; scripts/perf/scale.sh measures them).
//
//	go run ./scripts/perf/cliprof -n 50 -cpuprofile /tmp/p.out -- --data DIR note add 5.6 文本
//	go tool pprof -top /tmp/p.out
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sort"
	"time"

	"huibian/app/cli"
)

func main() {
	n := flag.Int("n", 20, "runs")
	prof := flag.String("cpuprofile", "", "write a CPU profile here")
	flag.Parse()
	args := flag.Args()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var ts []time.Duration
	for i := 0; i < *n; i++ {
		o, err := cli.ParseGlobal(args, os.Getenv, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		t := time.Now()
		if code := cli.Run(o, "prof", io.Discard, os.Stderr); code != 0 {
			fmt.Fprintln(os.Stderr, "exit", code)
			os.Exit(1)
		}
		ts = append(ts, time.Since(t))
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	fmt.Printf("%d runs: median %v, min %v, max %v\n", *n, ts[len(ts)/2], ts[0], ts[len(ts)-1])
}
