package library

import (
	"errors"
	"fmt"
	"strings"

	"huibian/app/settings"
)

// ErrNoMatch reports that Find found no compilation for a query.
var ErrNoMatch = errors.New("资料库中没有符合的汇编")

// ErrAmbiguous reports that Find found several compilations for a query.
var ErrAmbiguous = errors.New("符合的汇编不止一部")

// Find resolves what a user typed to name a compilation: its ID, or a
// part of its title (case-insensitive). An exact ID or an exact title
// wins; otherwise the query must match exactly one compilation's title,
// or the start of exactly one ID. Several matches give an error (wrapping
// ErrAmbiguous) that lists them; none gives one wrapping ErrNoMatch.
func (s *Service) Find(query string) (Info, error) {
	q := strings.TrimSpace(query)
	if q == "" {
		return Info{}, errors.New("请给出汇编的标识或标题中的几个字")
	}
	infos, err := s.List()
	if err != nil {
		return Info{}, err
	}
	for _, i := range infos {
		if i.ID == q {
			return i, nil
		}
	}
	lq := strings.ToLower(q)
	var exact, found []Info
	for _, i := range infos {
		lt := strings.ToLower(i.Title)
		switch {
		case lt == lq:
			exact = append(exact, i)
		case strings.Contains(lt, lq) || strings.HasPrefix(i.ID, q):
			found = append(found, i)
		}
	}
	if len(exact) == 1 {
		return exact[0], nil
	}
	found = append(exact, found...)
	switch len(found) {
	case 0:
		return Info{}, fmt.Errorf("%w：“%s”（用 huibian library ls 查看各汇编的标识和标题）", ErrNoMatch, q)
	case 1:
		return found[0], nil
	}
	var b strings.Builder
	for _, i := range found {
		fmt.Fprintf(&b, "\n  %s  《%s》", i.ID, i.Title)
	}
	return Info{}, fmt.Errorf("%w：“%s”符合 %d 部，请写得更具体，或用标识：%s", ErrAmbiguous, q, len(found), b.String())
}

// LastKey is the settings key (settings.json in the data directory) under
// which the last opened compilation's ID is kept.
const LastKey = "library.last"

// settingsStore returns the settings of the data directory: the Store
// given in Options (the window's own, so both write one map), or one
// opened here on first use.
func (s *Service) settingsStore() *settings.Store {
	s.settingsOnce.Do(func() {
		if s.settings == nil {
			// An unreadable file gives empty settings: the built-in
			// compilation opens, and the next SetLastOpened rewrites it.
			s.settings, _ = settings.Open(s.dir)
		}
	})
	return s.settings
}

// LastOpened is the ID of the compilation opened last (SetLastOpened), or
// the built-in one's when none was recorded or the recorded one is no
// longer in the library.
func (s *Service) LastOpened() string {
	id := s.settingsStore().String(LastKey)
	if id == "" || id == s.builtin {
		return s.builtin
	}
	if !s.has(id) {
		return s.builtin
	}
	return id
}

// has reports whether the library holds compilation id, reading only the
// records' metadata.
func (s *Service) has(id string) bool {
	s.storeMu.RLock()
	recs, err := s.store.List()
	s.storeMu.RUnlock()
	if err != nil {
		return false
	}
	for _, r := range recs {
		if r.ID == id {
			return true
		}
	}
	return false
}

// SetLastOpened records id as the compilation opened last. It must be in
// the library.
func (s *Service) SetLastOpened(id string) error {
	if !s.has(id) {
		return fmt.Errorf("记住最后打开的汇编：资料库中没有汇编 %s", id)
	}
	st := s.settingsStore()
	st.SetString(LastKey, id)
	return st.Err()
}
