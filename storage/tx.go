package storage

import (
	"bytes"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Tx is the view of one read-write transaction given to UserStore.Update
// and to the migrations of either file. Values are opaque bytes keyed by
// string within named buckets; the bucket "meta" is reserved for the schema
// version. A Tx is only valid inside the function it was given to.
type Tx interface {
	// Get returns a copy of the value, or an error wrapping ErrNotFound
	// (or ErrRecordDamaged if its checksum does not match).
	Get(bucket, key string) ([]byte, error)
	// Put stores val under key, creating the bucket if needed.
	Put(bucket, key string, val []byte) error
	// Delete removes key; a missing key or bucket is not an error.
	Delete(bucket, key string) error
	// ForEach calls fn for every key in key order. val is a copy and may be
	// kept. A missing bucket has no keys. A record whose checksum does not
	// match is skipped (and repaired after the transaction).
	ForEach(bucket string, fn func(key string, val []byte) error) error
	// DeleteBucket removes a bucket and all its keys; a missing bucket is
	// not an error.
	DeleteBucket(bucket string) error
}

// Migration upgrades a file, the library or the user file, from schema
// version From to From+1. Apply sees the file through Tx, as buckets of
// opaque values; the "meta" bucket with the version number is not its to
// touch. The Tx is only valid until Apply returns.
type Migration struct {
	From  int
	Apply func(tx Tx) error
}

// bucketTx implements Tx over a bbolt transaction and counts mutations
// for the backup schedule.
type bucketTx struct {
	tx      *bolt.Tx
	changes int
	// sums is set when values carry checksums (user file, schema 2 on).
	sums bool
	// damaged lists the records whose checksum did not match.
	damaged [][2]string
	// inBolt is true while a method is inside a bbolt call, so that run can
	// tell a bbolt panic (corruption) from a panic in the caller's code.
	inBolt bool
	// borrow hands out values without copying them (ViewBorrowed): they
	// point into the memory map and are valid only during the transaction.
	borrow bool
}

func (t *bucketTx) bucket(name string, create bool) (*bolt.Bucket, error) {
	if t.tx == nil {
		return nil, errors.New("事务已结束")
	}
	if name == "" {
		return nil, errors.New("存储桶名称为空")
	}
	if name == metaBucket {
		return nil, fmt.Errorf("存储桶名称 %q 保留给格式版本使用", name)
	}
	t.inBolt = true
	defer func() { t.inBolt = false }()
	if create {
		if !t.tx.Writable() {
			return nil, berrors.ErrTxNotWritable
		}
		b, err := t.tx.CreateBucketIfNotExists([]byte(name))
		if b != nil {
			// bbolt splits pages half full by default, which suits
			// appends to sorted keys only; note IDs are random, and a
			// store of 100 000 notes took 200 MB for 90 MB of records,
			// every read of them paging in twice the data.
			b.FillPercent = writeFill
		}
		return b, err
	}
	return t.tx.Bucket([]byte(name)), nil
}

// open returns a copy of a stored value without its checksum; ok is false
// (and the record is noted as damaged) if the checksum does not match.
func (t *bucketTx) open(bucket, key string, stored []byte) ([]byte, bool) {
	if !t.sums {
		return bytes.Clone(stored), true
	}
	v, ok := unseal(bucket, key, stored)
	if !ok {
		t.damaged = append(t.damaged, [2]string{bucket, key})
		return nil, false
	}
	if t.borrow {
		return v, true
	}
	return bytes.Clone(v), true
}

func (t *bucketTx) Get(bucket, key string) ([]byte, error) {
	b, err := t.bucket(bucket, false)
	if err != nil {
		return nil, err
	}
	var stored []byte
	if b != nil {
		t.inBolt = true
		stored = b.Get([]byte(key))
		t.inBolt = false
	}
	if stored == nil {
		return nil, fmt.Errorf("%s/%s: %w", bucket, key, ErrNotFound)
	}
	t.inBolt = true
	v, ok := t.open(bucket, key, stored)
	t.inBolt = false
	if !ok {
		return nil, fmt.Errorf("%s/%s: %w", bucket, key, ErrRecordDamaged)
	}
	return v, nil
}

func (t *bucketTx) Put(bucket, key string, val []byte) error {
	if key == "" {
		return fmt.Errorf("%s: 键为空", bucket)
	}
	b, err := t.bucket(bucket, true)
	if err != nil {
		return err
	}
	if t.sums {
		val = seal(bucket, key, val)
	} else if val == nil {
		val = []byte{}
	}
	t.inBolt = true
	err = b.Put([]byte(key), val)
	t.inBolt = false
	if err != nil {
		return fmt.Errorf("%s/%s: %w", bucket, key, err)
	}
	t.changes++
	return nil
}

func (t *bucketTx) Delete(bucket, key string) error {
	b, err := t.bucket(bucket, false)
	if err != nil || b == nil {
		return err
	}
	t.inBolt = true
	err = b.Delete([]byte(key))
	t.inBolt = false
	if err != nil {
		return fmt.Errorf("%s/%s: %w", bucket, key, err)
	}
	t.changes++
	return nil
}

func (t *bucketTx) ForEach(bucket string, fn func(key string, val []byte) error) error {
	b, err := t.bucket(bucket, false)
	if err != nil || b == nil {
		return err
	}
	// Only the cursor steps run with inBolt set; fn runs without it, so a
	// panic in fn is reported as the caller's.
	c := b.Cursor()
	t.inBolt = true
	k, v := c.First()
	for k != nil {
		// v == nil is a nested bucket; this API never makes one.
		if v != nil {
			key := string(k)
			if val, ok := t.open(bucket, key, v); ok {
				t.inBolt = false
				if err := fn(key, val); err != nil {
					return err
				}
				t.inBolt = true
			}
		}
		k, v = c.Next()
	}
	t.inBolt = false
	return nil
}

func (t *bucketTx) DeleteBucket(bucket string) error {
	if _, err := t.bucket(bucket, false); err != nil {
		return err
	}
	t.inBolt = true
	err := t.tx.DeleteBucket([]byte(bucket))
	t.inBolt = false
	if err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
		return fmt.Errorf("%s: %w", bucket, err)
	}
	if err == nil {
		t.changes++
	}
	return nil
}
