package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// LibrarySchemaVersion is the layout version of library.db written by this
// build. Bump it, and add a step to libraryMigrations, whenever the layout
// below changes.
const LibrarySchemaVersion = 1

// Layout of library.db (schema 1):
//
//	meta              schema -> "1"
//	compilations      ID -> JSON of recordMeta (small)
//	compilation-data  ID -> CompilationRecord.Data (large)
//
// Metadata and data live in separate buckets so that List reads a few small
// values and never pages in the multi-megabyte blobs. Both buckets always
// hold the same set of IDs: Put and Delete change them in one transaction.
const (
	compilationsBucket = "compilations"
	dataBucket         = "compilation-data"
)

// libraryMigrations upgrade older library files. Each step runs inside the
// single migration transaction. The table is empty: schema 1 is the first.
var libraryMigrations = []Migration{}

// Options configures OpenLibrary.
type Options struct {
	// Timeout bounds the wait for the file lock; zero means one second.
	// bbolt itself would wait forever.
	Timeout time.Duration

	// ReadOnly opens the file with a shared lock, so several readers can
	// coexist, but no writer. A read-only open never migrates.
	ReadOnly bool

	// RebuildIfCorrupt moves a corrupt file aside and starts an empty
	// library in its place. This is safe for the library only, because
	// every compilation can be imported again from its source. After such
	// an open, Library.MovedAside names the kept file.
	RebuildIfCorrupt bool

	// migrations replaces libraryMigrations; tests only.
	migrations []Migration
}

// CompilationRecord is one stored compilation. Data is the app's own
// serialisation of the parsed compilation; this package never looks inside.
type CompilationRecord struct {
	ID         string
	Title      string
	SourceName string
	// SourceHash is the content hash of the source text, so that the app can
	// skip re-importing an unchanged source.
	SourceHash string
	ImportedAt time.Time
	// Counts are figures about the data the app wants without decoding
	// it (a library listing): documents, items, and so on. Optional.
	Counts map[string]int
	Data   []byte
}

// recordMeta is the stored form of a record's metadata.
type recordMeta struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	SourceName string         `json:"source_name"`
	SourceHash string         `json:"source_hash"`
	ImportedAt time.Time      `json:"imported_at"`
	Size       int            `json:"size"`
	Counts     map[string]int `json:"counts,omitempty"`
}

// Library is the store of parsed compilations in library.db. Its methods are
// safe for concurrent use.
type Library struct {
	db         *bolt.DB
	path       string
	movedAside string

	// beforeData, if set, runs inside Put between writing the metadata and
	// writing the data; tests use it to fail a Put half-way.
	beforeData func() error
}

// OpenLibrary opens or creates the library at path, creating its parent
// directory if needed.
//
// A second process gets an error wrapping ErrLocked after opt.Timeout. A
// file from a newer build gets ErrSchemaTooNew and is left untouched; an
// older file is migrated in one transaction. A corrupt file gets ErrCorrupt,
// unless opt.RebuildIfCorrupt is set, in which case it is moved to
// "<path>.corrupt-<time>" and an empty library is created (see MovedAside).
func OpenLibrary(path string, opt Options) (*Library, error) {
	timeout := timeoutOr(opt.Timeout)
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("打开资料库 %s: 创建目录：%w", path, err)
		}
	}
	l := &Library{path: path}
	db, err := openVerified(path, timeout, opt.ReadOnly)
	if err != nil && errors.Is(err, ErrCorrupt) && opt.RebuildIfCorrupt && !opt.ReadOnly {
		moved, merr := moveAside(path, ".corrupt-", time.Now())
		if merr != nil {
			return nil, fmt.Errorf("打开资料库 %s: %w; 无法移走损坏的文件：%v", path, err, merr)
		}
		l.movedAside = moved
		db, err = openVerified(path, timeout, false)
	}
	if err != nil {
		return nil, fmt.Errorf("打开资料库 %s: %w", path, err)
	}
	l.db = db

	steps := libraryMigrations
	if opt.migrations != nil {
		steps = opt.migrations
	}
	if err := l.prepare(opt.ReadOnly, steps); err != nil {
		closeQuietly(db)
		return nil, fmt.Errorf("打开资料库 %s: %w", path, err)
	}
	return l, nil
}

// prepare checks the schema version and brings the file to the current
// layout. The common case, a current file, needs only a read transaction:
// an Update would cost an fsync on every start.
func (l *Library) prepare(readOnly bool, steps []Migration) error {
	var version int
	var fresh, complete bool
	err := guard(func() error {
		return l.db.View(func(tx *bolt.Tx) error {
			var err error
			version, fresh, err = readSchema(tx)
			complete = tx.Bucket([]byte(compilationsBucket)) != nil && tx.Bucket([]byte(dataBucket)) != nil
			return err
		})
	})
	if err != nil {
		return err
	}
	switch {
	case version > LibrarySchemaVersion:
		return fmt.Errorf("格式版本 %d 高于本程序支持的 %d: %w", version, LibrarySchemaVersion, ErrSchemaTooNew)
	case version == LibrarySchemaVersion && complete:
		return nil
	case readOnly:
		return fmt.Errorf("格式版本 %d 需要升级到 %d，但资料库以只读方式打开", version, LibrarySchemaVersion)
	case fresh:
		return l.db.Update(func(tx *bolt.Tx) error { return initLibrary(tx, LibrarySchemaVersion) })
	case version < LibrarySchemaVersion:
		if err := migrate(l.db, version, LibrarySchemaVersion, steps); err != nil {
			return err
		}
	}
	// Current version but a bucket is missing: recreate it.
	return l.db.Update(func(tx *bolt.Tx) error { return initLibrary(tx, LibrarySchemaVersion) })
}

func initLibrary(tx *bolt.Tx, version int) error {
	for _, name := range []string{compilationsBucket, dataBucket} {
		if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
			return err
		}
	}
	return writeSchema(tx, version)
}

// Path returns the file path of the library.
func (l *Library) Path() string { return l.path }

// MovedAside returns where OpenLibrary moved a corrupt file before creating
// an empty library, or "" if it did not. The app should tell the user and
// re-import its compilations.
func (l *Library) MovedAside() string { return l.movedAside }

// Close releases the file and its lock.
func (l *Library) Close() error {
	if err := l.db.Close(); err != nil {
		return fmt.Errorf("关闭资料库 %s: %w", l.path, err)
	}
	return nil
}

// Put stores rec, replacing any record with the same ID. Metadata and data
// are written in ONE transaction, so a reader (or a reopened file after a
// crash) sees either the old record or the new one, never a mix.
func (l *Library) Put(rec CompilationRecord) error {
	if rec.ID == "" {
		return fmt.Errorf("写入资料库 %s: 汇编的 ID 为空", l.path)
	}
	meta, err := json.Marshal(recordMeta{
		ID: rec.ID, Title: rec.Title, SourceName: rec.SourceName,
		SourceHash: rec.SourceHash, ImportedAt: rec.ImportedAt, Size: len(rec.Data), Counts: rec.Counts,
	})
	if err != nil {
		return fmt.Errorf("写入资料库 %s: %w", l.path, err)
	}
	data := rec.Data
	if data == nil {
		data = []byte{}
	}
	err = guard(func() error {
		return l.db.Update(func(tx *bolt.Tx) error {
			metas, datas, err := libraryBuckets(tx)
			if err != nil {
				return err
			}
			if err := metas.Put([]byte(rec.ID), meta); err != nil {
				return err
			}
			if l.beforeData != nil {
				if err := l.beforeData(); err != nil {
					return err
				}
			}
			return datas.Put([]byte(rec.ID), data)
		})
	})
	if err != nil {
		return fmt.Errorf("写入资料库 %s: 汇编 %s: %w", l.path, rec.ID, err)
	}
	return nil
}

// Get returns the record with the given ID, including its data, or an error
// wrapping ErrNotFound. The data is a copy, valid after the transaction.
func (l *Library) Get(id string) (CompilationRecord, error) {
	var rec CompilationRecord
	err := guard(func() error {
		return l.db.View(func(tx *bolt.Tx) error {
			metas, datas, err := libraryBuckets(tx)
			if err != nil {
				return err
			}
			raw := metas.Get([]byte(id))
			if raw == nil {
				return ErrNotFound
			}
			if rec, err = decodeMeta(raw); err != nil {
				return err
			}
			data := datas.Get([]byte(id))
			if data == nil {
				return fmt.Errorf("%w: 汇编有目录项但没有数据", ErrCorrupt)
			}
			// bbolt's slices point into the memory map and are only
			// valid while the transaction is open.
			rec.Data = bytes.Clone(data)
			return nil
		})
	})
	if err != nil {
		return CompilationRecord{}, fmt.Errorf("读取资料库 %s: 汇编 %s: %w", l.path, id, err)
	}
	return rec, nil
}

// List returns the metadata of every record in ID order. Data is nil in the
// results: use Get to load one compilation.
func (l *Library) List() ([]CompilationRecord, error) {
	var out []CompilationRecord
	err := guard(func() error {
		return l.db.View(func(tx *bolt.Tx) error {
			metas, _, err := libraryBuckets(tx)
			if err != nil {
				return err
			}
			return metas.ForEach(func(_, v []byte) error {
				rec, err := decodeMeta(v)
				if err != nil {
					return err
				}
				out = append(out, rec)
				return nil
			})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("读取资料库 %s: %w", l.path, err)
	}
	return out, nil
}

// Delete removes the record with the given ID, metadata and data in one
// transaction. Deleting a missing ID is not an error.
func (l *Library) Delete(id string) error {
	err := guard(func() error {
		return l.db.Update(func(tx *bolt.Tx) error {
			metas, datas, err := libraryBuckets(tx)
			if err != nil {
				return err
			}
			if err := metas.Delete([]byte(id)); err != nil {
				return err
			}
			return datas.Delete([]byte(id))
		})
	})
	if err != nil {
		return fmt.Errorf("删除资料库 %s 中的汇编 %s: %w", l.path, id, err)
	}
	return nil
}

func libraryBuckets(tx *bolt.Tx) (metas, datas *bolt.Bucket, err error) {
	metas = tx.Bucket([]byte(compilationsBucket))
	datas = tx.Bucket([]byte(dataBucket))
	if metas == nil || datas == nil {
		return nil, nil, fmt.Errorf("%w: 缺少存储桶", ErrCorrupt)
	}
	return metas, datas, nil
}

// decodeMeta copies a stored metadata value into a record. json.Unmarshal
// copies strings, so the result does not alias the memory map.
func decodeMeta(raw []byte) (CompilationRecord, error) {
	var m recordMeta
	if err := json.Unmarshal(raw, &m); err != nil {
		return CompilationRecord{}, fmt.Errorf("%w: 汇编目录项无法解析：%v", ErrCorrupt, err)
	}
	return CompilationRecord{
		ID: m.ID, Title: m.Title, SourceName: m.SourceName,
		SourceHash: m.SourceHash, ImportedAt: m.ImportedAt, Counts: m.Counts,
	}, nil
}
