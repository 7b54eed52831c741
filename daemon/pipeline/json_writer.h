#pragma once
// Proto3 JSON of a message, written by walking it with protobuf reflection into the caller's
// string. It replaces protobuf's own converter (util::BinaryToJsonString), which re-parses a
// binary form into a tree of nodes before printing and cost ~15% of a `newsflowd normalize` run,
// and it prints exactly what that converter prints (libprotobuf 3.21) with the options
// RecordToJson uses: .proto field names, every zero value, map keys in order. What "exactly"
// takes, found in 3.21's util/internal (DefaultValueObjectWriter, ProtoStreamObjectSource,
// JsonObjectWriter, JsonEscaping) and checked by tests/unit/pipeline/json_writer_test.cc:
//  - fields in declaration order, zero values included; a singular message field only when set;
//    lists and maps always (`[]`, `{}`); a set member of a oneof (proto3 `optional` too) that is
//    not a message comes after all the other fields, in field number order;
//  - int64/uint64 quoted, doubles as printf's %.15g, or %.17g when that does not read back,
//    floats likewise with %.6g/%.9g, NaN and ±Infinity quoted; enums by name, numbers the enum
//    does not define as numbers; bytes as padded base64;
//  - strings escaped as JsonEscaping does: `"` `\` `<` `>`, C0 and C1 controls and DEL, and a
//    set of invisible and formatting code points (U+00AD, U+2028..U+202E, U+FEFF, …) as \uXXXX;
//    other text as it is; bytes that are not UTF-8 are dropped, with the byte that showed it;
//  - map entries sorted by key, as a deterministic serialization gives them to the converter.
//
// Thread safety: a pure function over a const message; safe to call concurrently.

#include <google/protobuf/message.h>

#include <string>

namespace newsflow::pipeline {

// Appends `m` as JSON to `out`: one line, or indented by two spaces per level when `pretty`,
// never a trailing newline. Returns false and leaves `out` as it was for what this writer does
// not render: a message from a descriptor pool other than the generated one, or one that holds
// a well-known type (google.protobuf.*: Timestamp, Any, wrappers, Struct …), which protobuf
// prints in special forms. The newsflow schema has none of these.
bool AppendMessageJson(const google::protobuf::Message& m, bool pretty, std::string& out);

}  // namespace newsflow::pipeline
