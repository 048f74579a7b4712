#include "stepeditor.h"
