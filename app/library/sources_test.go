package library

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourcesRebuild: every imported source is kept byte for byte; when
// the library file is damaged or deleted, every compilation comes back
// from its source with the same ID, and the notice says which.
func TestSourcesRebuild(t *testing.T) {
	for _, damage := range []string{"damaged", "deleted"} {
		t.Run(damage, func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			srcDir := t.TempDir()
			files := map[string][]byte{
				"通知.txt":  []byte("关于做好工作的通知\n一、要求\n1.学习\n每月一次。\n"),
				"汇编二.txt": []byte("关于加强学习的意见\n一、总体要求\n1.坚持学习\n每周一次。\n二、保障\n1.经费\n列入预算。\n"),
			}
			ids := map[string]string{}
			for name, data := range files {
				p := filepath.Join(srcDir, name)
				if err := os.WriteFile(p, data, 0o600); err != nil {
					t.Fatal(err)
				}
				rep, err := s.ImportFile(p)
				if err != nil {
					t.Fatalf("import %s: %v", name, err)
				}
				ids[name] = rep.Compilation.ID
				kept, err := os.ReadFile(filepath.Join(dir, SourcesDir, rep.Compilation.SourceHash+".txt"))
				if err != nil || !bytes.Equal(kept, data) {
					t.Fatalf("source of %s not kept byte for byte: %v", name, err)
				}
			}
			s.Close()

			path := filepath.Join(dir, FileName)
			if damage == "damaged" {
				os.WriteFile(path, bytes.Repeat([]byte{0xAB}, 8192), 0o600)
			} else {
				os.Remove(path)
			}
			s, err = Open(dir, Options{})
			if err != nil {
				t.Fatalf("open after the library was %s: %v", damage, err)
			}
			defer s.Close()
			for name, id := range ids {
				c, err := s.Get(id)
				if err != nil {
					t.Errorf("%s not restored under ID %s: %v", name, id, err)
					continue
				}
				if c.SourceName != name {
					t.Errorf("restored %s has source name %q", id, c.SourceName)
				}
			}
			notice := strings.Join(s.Notices, "\n")
			if !strings.Contains(notice, "重新导入 2 部汇编") || !strings.Contains(notice, "《通知》") || !strings.Contains(notice, "《汇编二》") {
				t.Errorf("notice does not say what was restored: %q", notice)
			}
			if damage == "damaged" && !strings.Contains(notice, "已移至") {
				t.Errorf("notice does not say where the damaged file went: %q", notice)
			}

			// Removing a compilation removes its source; the other stays.
			c, _ := s.Get(ids["通知.txt"])
			if err := s.Remove(c.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, SourcesDir, c.SourceHash+".txt")); !os.IsNotExist(err) {
				t.Errorf("source of a removed compilation still there: %v", err)
			}
			c2, _ := s.Get(ids["汇编二.txt"])
			if _, err := os.Stat(filepath.Join(dir, SourcesDir, c2.SourceHash+".txt")); err != nil {
				t.Errorf("source of the other compilation gone: %v", err)
			}
			s.Close()
			// A later rebuild does not bring the removed one back.
			os.Remove(path)
			s, err = Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if infos, _ := s.List(); len(infos) != 2 {
				t.Errorf("%d compilations after a rebuild, want the built-in and 汇编二", len(infos))
			}
		})
	}
}

func TestImportReportString(t *testing.T) {
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := filepath.Join(t.TempDir(), "通知.txt")
	os.WriteFile(p, []byte("关于做好工作的通知\n一、要求\n1.学习\n每月一次。\n"), 0o600)
	rep, err := s.ImportFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.String(); !strings.HasPrefix(got, "已导入《通知》") || !strings.Contains(got, "1 篇") {
		t.Errorf("first import: %s", got)
	}
	rep, _ = s.ImportFile(p)
	if got := rep.String(); got != "《通知》已导入过，内容未变。" {
		t.Errorf("second import: %s", got)
	}
}

// TestReadOnlyDataDir: a data directory nothing can be written to (here
// immutable, which stops even root) and whose library must be rebuilt
// still opens: the library is built in a temporary directory, from the
// built-in text and the kept sources, and the notice says so.
func TestReadOnlyDataDir(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "通知.txt")
	os.WriteFile(p, []byte("关于做好工作的通知\n一、要求\n1.学习\n每月一次。\n"), 0o600)
	rep, err := s.ImportFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Remove(filepath.Join(dir, FileName)) // must be rebuilt
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("chattr +i not possible here: %v %s", err, out)
	}
	defer exec.Command("chattr", "-i", dir).Run()
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("immutable directory still writable")
	}
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("open in a read-only data directory: %v", err)
	}
	defer s.Close()
	if c, err := s.Get(rep.Compilation.ID); err != nil || c.Title != "通知" {
		t.Errorf("kept source not restored: %v", err)
	}
	if _, err := s.Builtin(); err != nil {
		t.Errorf("built-in: %v", err)
	}
	if n := strings.Join(s.Notices, "\n"); !strings.Contains(n, "不能写入") {
		t.Errorf("notices %q", n)
	}
}
