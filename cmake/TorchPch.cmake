# The torch precompiled header (core/pch.h, built once by transferlab_nn) for exactly the
# translation units that include torch.
#
# With GCC a file compiled with that header spends 5-8 s instantiating torch's templates even
# when it uses none of them (an empty file: 7.6 s). Given to every file of a target, it cost CI
# some 95 such files for nothing: the readers, the config, most of the CLI, most tests and
# every empty moc file AUTOMOC makes for a test. So a target names its torch files:
#
#   tl_torch_pch(target [torch sources...])
#
# Those reuse the header; every other source of the target, and its moc file, is compiled
# without it. A mistake costs time, never correctness: a torch file left off the list parses
# torch itself (10-20 s), a listed file that stops including torch pays the 7 s.
function(tl_torch_pch target)
  set(torch_sources ${ARGN})
  if(torch_sources AND NOT target STREQUAL "transferlab_nn")
    target_precompile_headers(${target} REUSE_FROM transferlab_nn)
  endif()
  get_target_property(sources ${target} SOURCES)
  foreach(source IN LISTS sources)
    if(NOT source IN_LIST torch_sources)
      set_source_files_properties(${source} TARGET_DIRECTORY ${target}
        PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
  endforeach()
  get_target_property(binary_dir ${target} BINARY_DIR)
  set_source_files_properties("${binary_dir}/${target}_autogen/mocs_compilation.cpp"
    TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
endfunction()
