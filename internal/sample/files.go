package sample

import (
	"strconv"
	"strings"
)

// fileInfo is a shared file.
type fileInfo struct {
	id   string
	doc  docFile
	size int
}

var fileTypes = map[string][3]string{ // extension → mimetype, filetype, pretty_type
	"pdf":  {"application/pdf", "pdf", "PDF"},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel Spreadsheet"},
	"docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word Document"},
	"md":   {"text/plain", "markdown", "Markdown (raw)"},
	"yaml": {"text/plain", "yaml", "YAML"},
	"json": {"application/json", "json", "JSON"},
	"jpg":  {"image/jpeg", "jpg", "JPEG"},
	"png":  {"image/png", "png", "PNG"},
}

func fileType(name string) [3]string {
	ext := name[strings.LastIndexByte(name, '.')+1:]
	if t, ok := fileTypes[ext]; ok {
		return t
	}
	return [3]string{"application/octet-stream", "binary", "Binary"}
}

func (e *encoder) appendFile(b []byte, g *gen, m *msg) []byte {
	w := e.w
	f := &g.files[m.file]
	uid := w.Users[m.user].ID
	ft := fileType(f.doc.name)
	b = append(b, `{"id":"`...)
	b = append(b, f.id...)
	b = append(b, `","created":`...)
	b = strconv.AppendInt(b, m.sec, 10)
	b = append(b, `,"timestamp":`...)
	b = strconv.AppendInt(b, m.sec, 10)
	b = append(b, `,"name":`...)
	b = appendJSONString(b, f.doc.name)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, f.doc.title)
	b = append(b, `,"mimetype":"`...)
	b = append(b, ft[0]...)
	b = append(b, `","filetype":"`...)
	b = append(b, ft[1]...)
	b = append(b, `","pretty_type":"`...)
	b = append(b, ft[2]...)
	b = append(b, `","user":"`...)
	b = append(b, uid...)
	b = append(b, `","editable":false,"size":`...)
	b = strconv.AppendInt(b, int64(f.size), 10)
	b = append(b, `,"mode":"hosted","is_external":false,"external_type":"","is_public":`...)
	b = strconv.AppendBool(b, !g.ch.isPrivate())
	b = append(b, `,"public_url_shared":false,"display_as_bot":false,"username":"","url_private":`...)
	b = appendJSONString(b, "https://files.slack.com/files-pri/"+w.TeamID+"-"+f.id+"/"+f.doc.name)
	b = append(b, `,"url_private_download":`...)
	b = appendJSONString(b, "https://files.slack.com/files-pri/"+w.TeamID+"-"+f.id+"/download/"+f.doc.name)
	b = append(b, `,"permalink":`...)
	b = appendJSONString(b, "https://"+w.Domain+".slack.com/files/"+uid+"/"+f.id+"/"+f.doc.name)
	return append(b, '}')
}
