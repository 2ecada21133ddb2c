# tl_options: what every TransferLab target compiles with (as qBittorrent's common-config target
# does). Linked PRIVATE by each target, so the flags never leak to other projects' code.
# Third-party headers (LibTorch, Qt, OpenCV, nlohmann-json) come in as system includes: their
# warnings are theirs; ours must be zero.

option(TL_WERROR "Treat warnings as errors (CI)" OFF)
option(TL_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(TL_BUILD_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

add_library(tl_options INTERFACE)
target_compile_options(tl_options INTERFACE
  -Wall -Wextra -Wpedantic
  -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-qual -Wformat=2 -Wno-format-nonliteral -Wimplicit-fallthrough
  -Wno-unused-parameter # overrides of observer callbacks name parameters they ignore
)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(tl_options INTERFACE -Wduplicated-cond -Wlogical-op)
else()
  # QSKIP("why") and friends: Qt's variadic macros called with no extra argument.
  target_compile_options(tl_options INTERFACE -Wno-gnu-zero-variadic-macro-arguments)
endif()
if(TL_WERROR)
  target_compile_options(tl_options INTERFACE -Werror)
endif()

if(TL_SANITIZE)
  # -fno-sanitize-recover: the first report ends the process, so a test cannot pass through it.
  # vptr checks need the RTTI of every class on both sides of a cast, which LibTorch's templates
  # instantiated in our code do not all have.
  set(TL_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize=vptr
    -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(tl_options INTERFACE ${TL_SANITIZER_FLAGS})
  target_link_options(tl_options INTERFACE ${TL_SANITIZER_FLAGS})
  target_compile_definitions(tl_options INTERFACE TL_SANITIZE=1)
endif()
if(TL_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TL_BUILD_FUZZ needs clang (libFuzzer): use the asan preset")
  endif()
  # Coverage for libFuzzer in everything the targets call; the targets link -fsanitize=fuzzer.
  target_compile_options(tl_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

# Qt's `slots`/`signals`/`emit` macros collide with LibTorch headers: every target that uses Qt
# spells them Q_SLOTS, Q_SIGNALS, Q_EMIT.
function(tl_qt_target target)
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS)
endfunction()
