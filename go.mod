module huibian

go 1.26.0

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/mozillazg/go-pinyin v0.21.0 // indirect
	github.com/sahilm/fuzzy v0.1.3 // indirect
	go.etcd.io/bbolt v1.5.0 // indirect
	golang.org/x/sys v0.45.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
