package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

// Every value in userdata.db (schema 2 on) ends with a CRC-32C of the
// bucket name, the key and the value, four bytes big-endian. bbolt
// checksums only its meta pages: without this, a changed byte inside a
// note's text would be read back silently. Covering the bucket and key too
// catches a value that ended up under the wrong key.
//
// The meta bucket is not checksummed: it holds only the schema version,
// which readSchema validates itself.

// checksumSchema is the first user schema whose values carry a checksum.
const checksumSchema = 2

const sumLen = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrRecordDamaged is returned (wrapped) when a record's checksum does not
// match its bytes and no backup holds an intact copy.
var ErrRecordDamaged = errors.New("记录已损坏（校验和不符）")

func recordSum(bucket, key string, val []byte) uint32 {
	// crc32.Update over each part is the same sum as one hash.Hash32
	// written part by part, without allocating (this runs for every
	// record read: 100 000 at the start of a window with that many notes).
	zero := []byte{0}
	sum := crc32.Update(0, castagnoli, unsafe.Slice(unsafe.StringData(bucket), len(bucket)))
	sum = crc32.Update(sum, castagnoli, zero)
	sum = crc32.Update(sum, castagnoli, unsafe.Slice(unsafe.StringData(key), len(key)))
	sum = crc32.Update(sum, castagnoli, zero)
	return crc32.Update(sum, castagnoli, val)
}

// seal returns val followed by its checksum.
func seal(bucket, key string, val []byte) []byte {
	out := make([]byte, len(val), len(val)+sumLen)
	copy(out, val)
	return binary.BigEndian.AppendUint32(out, recordSum(bucket, key, val))
}

// unseal checks a stored value and returns the value without its checksum
// (a sub-slice of stored). ok is false if the checksum does not match.
func unseal(bucket, key string, stored []byte) (val []byte, ok bool) {
	if len(stored) < sumLen {
		return nil, false
	}
	val = stored[:len(stored)-sumLen]
	return val, binary.BigEndian.Uint32(stored[len(val):]) == recordSum(bucket, key, val)
}

// sealAll is the migration from schema 1 to 2: it appends a checksum to
// every value of every user bucket, in the migration's one transaction.
func sealAll(tx *bolt.Tx) error {
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if string(name) == metaBucket {
			return nil
		}
		type kv struct{ k, v []byte }
		var all []kv
		if err := b.ForEach(func(k, v []byte) error {
			if v != nil {
				// Copies: the slices point into the map, which a Put may remap.
				all = append(all, kv{append([]byte(nil), k...), seal(string(name), string(k), v)})
			}
			return nil
		}); err != nil {
			return err
		}
		b.FillPercent = 0.9 // every key is rewritten in order
		for _, r := range all {
			if err := b.Put(r.k, r.v); err != nil {
				return fmt.Errorf("%s/%s: %w", name, r.k, err)
			}
		}
		return nil
	})
}

// RecordRepair reports one record whose checksum did not match.
type RecordRepair struct {
	Bucket, Key string
	// RestoredFrom is the backup whose intact copy replaced the record, or
	// "" if no backup had one (the damaged record is then left in place and
	// skipped by reads).
	RestoredFrom string
	// Err says why the repair failed, when RestoredFrom is "".
	Err error
}

// String describes the repair in Chinese, for the user.
func (r RecordRepair) String() string {
	if r.RestoredFrom != "" {
		return fmt.Sprintf("记录 %s/%s 已损坏（校验和不符），已从备份 %s 恢复。", r.Bucket, r.Key, r.RestoredFrom)
	}
	if r.Err != nil {
		return fmt.Sprintf("记录 %s/%s 已损坏（校验和不符），无法从备份恢复：%v。其余数据不受影响。", r.Bucket, r.Key, r.Err)
	}
	return fmt.Sprintf("记录 %s/%s 已损坏（校验和不符），所有备份中都没有完好的副本，已跳过。其余数据不受影响。", r.Bucket, r.Key)
}
