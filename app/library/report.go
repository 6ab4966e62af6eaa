package library

import "fmt"

// String says what the import did, in Chinese, for the window and the
// command line.
func (r ImportReport) String() string {
	c := r.Compilation
	st := c.Stats()
	switch {
	case r.Unchanged:
		return fmt.Sprintf("《%s》已导入过，内容未变。", c.Title)
	case r.Replaced:
		return fmt.Sprintf("已更新《%s》（标识 %s）：%d 篇，%d 部分，%d 条，其中 %d 条有正文。", c.Title, c.ID, st.Documents, st.Sections, st.Items, st.ItemsWithText)
	}
	return fmt.Sprintf("已导入《%s》（标识 %s）：%d 篇，%d 部分，%d 条，其中 %d 条有正文。", c.Title, c.ID, st.Documents, st.Sections, st.Items, st.ItemsWithText)
}
