#pragma once

// SessionModel moved to the workbench layer. Only the main window's files (changed on another branch)
// still include it from here; switch them to "workbench/sessionmodel.h" and delete this file.
#include "workbench/sessionmodel.h"
