#include "curlexport.h"
