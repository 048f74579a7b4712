#include "bodyview.h"
