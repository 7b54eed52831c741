#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) into OUT (default build/fuzz):
#   fuzz/build.sh [OUT]
# Targets: html_to_text_fuzz, tokenizer_fuzz, extractor_fuzz, decode_fuzz, proto_decode_fuzz,
# config_fuzz. CXX overrides the
# compiler (default: clang++, else clang++-14). Objects are rebuilt when their source is newer,
# and all of them when the flags changed or a header is newer than the last build.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/build/fuzz}
if [ -z "${CXX:-}" ]; then
  if command -v clang++ >/dev/null 2>&1; then CXX=clang++; else CXX=clang++-14; fi
fi
# fuzzer-no-link: coverage instrumentation for libFuzzer in every object, not just the targets.
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
FLAGS="-std=c++20 -O1 -g -fno-omit-frame-pointer $SAN -I$ROOT -I$OUT/gen -DNEWSFLOW_SOURCE_DIR=\"$ROOT\""
mkdir -p "$OUT/obj" "$OUT/gen"
# Everything is rebuilt when the flags changed or a header is newer than the last build.
STAMP="$OUT/obj/stamp"
REBUILD=""
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$CXX $FLAGS" ] ||
   [ -n "$(find "$ROOT/daemon" -name '*.h' -newer "$STAMP" | head -1)" ]; then
  REBUILD=1
fi

# compile SOURCE: prints the object file
compile() {
  obj="$OUT/obj/$(echo "$1" | sed "s#^$ROOT/##; s#/#_#g").o"
  if [ -n "$REBUILD" ] || [ ! -f "$obj" ] || [ "$1" -nt "$obj" ]; then
    nice -n 19 "$CXX" $FLAGS -c "$1" -o "$obj"
  fi
  echo "$obj"
}

# The message schema, generated here so that the fuzz build needs no CMake build directory.
if [ ! -f "$OUT/gen/proto/newsflow/v1/article.pb.cc" ] ||
   [ "$ROOT/proto/newsflow/v1/article.proto" -nt "$OUT/gen/proto/newsflow/v1/article.pb.cc" ]; then
  protoc -I"$ROOT" --cpp_out="$OUT/gen" "$ROOT/proto/newsflow/v1/article.proto"
fi

EXTRACT=""
for f in "$ROOT"/daemon/extract/*.cc; do EXTRACT="$EXTRACT $(compile "$f")"; done
UTF8=$(compile "$ROOT/daemon/extract/utf8.cc")
HTML=$(compile "$ROOT/daemon/pipeline/html_to_text.cc")
TOKENIZER=$(compile "$ROOT/daemon/extract/tokenizer.cc")
DECODE="$(compile "$ROOT/daemon/pipeline/decode.cc") $(compile "$ROOT/daemon/pipeline/raw_json.cc")"
DECODE="$DECODE $(compile "$ROOT/daemon/pipeline/sha256.cc")"
DECODE="$DECODE $(compile "$OUT/gen/proto/newsflow/v1/article.pb.cc")"

# link NAME OBJECTS... [-lLIB]
link() {
  name=$1
  shift
  nice -n 19 "$CXX" $FLAGS -fsanitize=fuzzer "$(compile "$ROOT/fuzz/$name.cc")" "$@" -o "$OUT/$name"
  echo "$OUT/$name"
}
echo "$CXX $FLAGS" >"$STAMP"
link html_to_text_fuzz $HTML $UTF8
link tokenizer_fuzz $TOKENIZER $UTF8
link extractor_fuzz $EXTRACT
link decode_fuzz $DECODE $HTML $UTF8 -lprotobuf
link proto_decode_fuzz $DECODE $HTML $UTF8 -lprotobuf
link config_fuzz "$(compile "$ROOT/daemon/ops/config.cc")" -lyaml-cpp
