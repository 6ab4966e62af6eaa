package notes

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"huibian/storage"
)

// The reading position and read marks are not cached: each call reads or
// commits the file, so the window should call them sparingly.

// Position is where the reader was in one compilation.
type Position struct {
	NodeID string `json:"node_id"`
	// Offset is the scroll offset inside the node's view, in whatever unit
	// the window uses (Fyne units or a paragraph index).
	Offset  float32   `json:"offset"`
	Updated time.Time `json:"updated"`
}

// SetPosition records where the reader is in compilation compID. It commits
// with fsync, so the window should call it when the reader stops moving
// (on node change or after a pause), not on every scroll event.
func (s *Service) SetPosition(compID, nodeID string, offset float32) (Position, error) {
	p := Position{NodeID: nodeID, Offset: offset, Updated: s.stamp()}
	data, err := json.Marshal(p)
	if err != nil {
		return Position{}, fmt.Errorf("编码阅读位置：%w", err)
	}
	if err := s.store.Put(bucketPositions, compID, data); err != nil {
		return Position{}, fmt.Errorf("保存阅读位置：%w", err)
	}
	return p, nil
}

// Position returns the last recorded position in compilation compID.
func (s *Service) Position(compID string) (Position, bool, error) {
	data, err := s.store.Get(bucketPositions, compID)
	if errors.Is(err, storage.ErrNotFound) {
		return Position{}, false, nil
	}
	if err != nil {
		return Position{}, false, err
	}
	var p Position
	if err := json.Unmarshal(data, &p); err != nil {
		return Position{}, false, fmt.Errorf("阅读位置已损坏：%w", err)
	}
	return p, true, nil
}

// SetRead marks a node read or unread.
func (s *Service) SetRead(nodeID string, read bool) error {
	var err error
	if read {
		var data []byte
		data, err = s.stamp().MarshalText()
		if err == nil {
			err = s.store.Put(bucketRead, nodeID, data)
		}
	} else {
		err = s.store.Delete(bucketRead, nodeID)
	}
	if err != nil {
		return fmt.Errorf("保存已读标记：%w", err)
	}
	return nil
}

// ReadMarks maps every node marked read to when it was marked.
func (s *Service) ReadMarks() (map[string]time.Time, error) {
	out := map[string]time.Time{}
	err := s.store.ForEach(bucketRead, func(k string, v []byte) error {
		var t time.Time
		_ = t.UnmarshalText(v)
		out[k] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("读取已读标记：%w", err)
	}
	return out, nil
}
