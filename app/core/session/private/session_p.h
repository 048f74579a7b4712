#pragma once

#include "core/session/session.h"

namespace Rwb {

// What the session's reading and writing share.

inline constexpr char kSessionFormat[] = "redirect-workbench-session";
// Folders inside folders, at most: deeper trees would outgrow the JSON writer's nesting (64 levels).
inline constexpr int kMaxFolderDepth = 16;

// Sorted by name; of names given twice the later value wins, as in resolveCase().
Variables sortedVariables(const Variables &variables);

}  // namespace Rwb
