package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"huibian/app/parse"
	"huibian/storage"
)

// Every imported source is kept, byte for byte, in the data directory
// (sources/<sha-256 of the bytes>.<ext>), with a manifest
// (sources/index.json) saying which compilation came from which file. The
// library file is only a parsed cache of these: when it is damaged or
// lost, every compilation is imported again from its source, under the
// same ID, so no note or bookmark loses its place.

// SourcesDir is the directory of kept sources inside the data directory.
const SourcesDir = "sources"

const manifestName = "index.json"

// sourceEntry is one kept source.
type sourceEntry struct {
	File     string    `json:"file"`  // name inside SourcesDir
	Name     string    `json:"name"`  // the file's original name
	Title    string    `json:"title"` // the compilation's title when imported
	Imported time.Time `json:"imported"`
}

type manifest struct {
	Version int                    `json:"version"`
	Sources map[string]sourceEntry `json:"sources"` // by compilation ID
}

func (s *Service) sourcesDir() string { return filepath.Join(s.dir, SourcesDir) }

func (s *Service) readManifest() (manifest, error) {
	m := manifest{Version: 1, Sources: map[string]sourceEntry{}}
	data, err := os.ReadFile(filepath.Join(s.sourcesDir(), manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("读取原文件清单：%w", err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("原文件清单 %s 无法解析：%w", filepath.Join(s.sourcesDir(), manifestName), err)
	}
	if m.Sources == nil {
		m.Sources = map[string]sourceEntry{}
	}
	return m, nil
}

func (s *Service) writeManifest(m manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return storage.WriteFileAtomic(filepath.Join(s.sourcesDir(), manifestName), data)
}

var safeExt = regexp.MustCompile(`^\.[a-z0-9]{1,8}$`)

// keepSource stores the bytes a compilation was imported from and records
// them in the manifest. A source it replaces (an edited file imported
// again under the same title) is deleted.
func (s *Service) keepSource(id, title, name, hash string, data []byte) error {
	if err := os.MkdirAll(s.sourcesDir(), 0o700); err != nil {
		return fmt.Errorf("保存原文件：%w", err)
	}
	ext := strings.ToLower(filepath.Ext(name))
	if !safeExt.MatchString(ext) {
		ext = ".txt"
	}
	file := hash + ext
	path := filepath.Join(s.sourcesDir(), file)
	if _, err := os.Stat(path); err != nil {
		if err := storage.WriteFileAtomic(path, data); err != nil {
			return fmt.Errorf("保存原文件 %s: %w", path, err)
		}
	}
	m, err := s.readManifest()
	if err != nil {
		return err
	}
	old, had := m.Sources[id]
	m.Sources[id] = sourceEntry{File: file, Name: filepath.Base(name), Title: title, Imported: time.Now().UTC()}
	if err := s.writeManifest(m); err != nil {
		return fmt.Errorf("保存原文件清单：%w", err)
	}
	if had && old.File != file {
		s.dropUnused(m, old.File)
	}
	return nil
}

// forgetSource removes a compilation's source after it was removed.
func (s *Service) forgetSource(id string) error {
	m, err := s.readManifest()
	if err != nil {
		return err
	}
	old, had := m.Sources[id]
	if !had {
		return nil
	}
	delete(m.Sources, id)
	if err := s.writeManifest(m); err != nil {
		return fmt.Errorf("更新原文件清单：%w", err)
	}
	s.dropUnused(m, old.File)
	return nil
}

// dropUnused deletes a source file no entry of m refers to.
func (s *Service) dropUnused(m manifest, file string) {
	for _, e := range m.Sources {
		if e.File == file {
			return
		}
	}
	_ = os.Remove(filepath.Join(s.sourcesDir(), file))
}

// missingSources lists the manifest entries whose compilation is not in
// the library, by title.
func (s *Service) missingSources() (map[string]sourceEntry, error) {
	m, err := s.readManifest()
	if err != nil || len(m.Sources) == 0 {
		return nil, err
	}
	recs, err := s.store.List()
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, r := range recs {
		have[r.ID] = true
	}
	out := map[string]sourceEntry{}
	for id, e := range m.Sources {
		if !have[id] {
			out[id] = e
		}
	}
	return out, nil
}

// restoreSources imports again every kept source missing from the library
// and returns a notice saying what was restored (and what could not be).
// The library must be open for writing.
func (s *Service) restoreSources() (string, error) {
	missing, err := s.missingSources()
	if err != nil || len(missing) == 0 {
		return "", err
	}
	ids := make([]string, 0, len(missing))
	for id := range missing {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return missing[ids[i]].Title < missing[ids[j]].Title })
	var ok, failed []string
	for _, id := range ids {
		e := missing[id]
		path := filepath.Join(s.sourcesDir(), e.File)
		data, err := os.ReadFile(path)
		var res *parse.Result
		if err == nil {
			res, err = parse.Parse(e.Name, data)
		}
		if err == nil && res.Compilation.ID != id {
			err = fmt.Errorf("解析出的汇编编号 %s 与原来的 %s 不同", res.Compilation.ID, id)
		}
		if err == nil {
			err = s.putLocked(res.Compilation)
		}
		if err != nil {
			failed = append(failed, fmt.Sprintf("《%s》（%s:%v）", e.Title, path, err))
			continue
		}
		ok = append(ok, "《"+e.Title+"》")
	}
	var msg string
	if len(ok) > 0 {
		msg = fmt.Sprintf("已从保存的原文件重新导入 %d 部汇编：%s。", len(ok), strings.Join(ok, "、"))
	}
	if len(failed) > 0 {
		msg += fmt.Sprintf("%d 部汇编无法重新导入：%s。", len(failed), strings.Join(failed, ";"))
	}
	return msg, nil
}
