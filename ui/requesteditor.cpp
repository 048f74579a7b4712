#include "requesteditor.h"
