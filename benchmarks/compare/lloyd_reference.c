// The fused Lloyd kernel for d = 3 in AVX2 intrinsics, the same operations as FewFeaturesLloydKernel: one pass over
// n rows (assign + masked float accumulation), timed on one thread: what this machine does with the kernel's
// instruction mix when a C compiler schedules it (see "Where the time goes" in benchmarks/RESULTS.md).
//   gcc -O3 -mavx2 -mfma -o /tmp/lloyd_reference benchmarks/compare/lloyd_reference.c && /tmp/lloyd_reference 250000 8
// The cycle count assumes the 2.57 GHz measured on the issue-12 machine; pass the clock as a third argument elsewhere.
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  int n=argc>1?atoi(argv[1]):250000, K=argc>2?atoi(argv[2]):8; double ghz=argc>3?atof(argv[3]):2.57;
  if(n<8||n%8||K<1||K>64){fprintf(stderr,"usage: lloyd_reference [rows, a multiple of 8] [K, 1..64] [GHz]\n");return 2;}
  float *x0=aligned_alloc(32,n*4),*x1=aligned_alloc(32,n*4),*x2=aligned_alloc(32,n*4); int*lab=aligned_alloc(32,n*4);
  srand(1); for(int i=0;i<n;i++){x0[i]=rand()/(float)RAND_MAX;x1[i]=rand()/(float)RAND_MAX;x2[i]=rand()/(float)RAND_MAX;}
  float c[64*3]; for(int k=0;k<K*3;k++) c[k]=rand()/(float)RAND_MAX;
  __m256 sums[64*4]; double best_t=1e9; float sink=0;
  for(int rep=0;rep<20;rep++){
    for(int s=0;s<K*4;s++) sums[s]=_mm256_setzero_ps();
    double t0=now();
    const __m256 one=_mm256_set1_ps(1.f);
    for(int i=0;i<n;i+=8){
      __m256 a=_mm256_load_ps(x0+i),b=_mm256_load_ps(x1+i),d=_mm256_load_ps(x2+i);
      __m256 best=_mm256_set1_ps(1e30f),bc=_mm256_setzero_ps(),cl=_mm256_setzero_ps();
      for(int k=0;k<K;k++){
        __m256 t=_mm256_sub_ps(a,_mm256_broadcast_ss(c+3*k)); __m256 dist=_mm256_mul_ps(t,t);
        t=_mm256_sub_ps(b,_mm256_broadcast_ss(c+3*k+1)); dist=_mm256_fmadd_ps(t,t,dist);
        t=_mm256_sub_ps(d,_mm256_broadcast_ss(c+3*k+2)); dist=_mm256_fmadd_ps(t,t,dist);
        bc=_mm256_blendv_ps(bc,cl,_mm256_cmp_ps(dist,best,_CMP_LT_OQ)); best=_mm256_min_ps(dist,best); cl=_mm256_add_ps(cl,one);
      }
      _mm256_store_si256((__m256i*)(lab+i),_mm256_cvttps_epi32(bc));
      __m256 cl2=_mm256_setzero_ps();
      for(int k=0;k<K;k++){
        __m256 m=_mm256_cmp_ps(bc,cl2,_CMP_EQ_OQ);
        sums[4*k]=_mm256_add_ps(sums[4*k],_mm256_and_ps(m,a));
        sums[4*k+1]=_mm256_add_ps(sums[4*k+1],_mm256_and_ps(m,b));
        sums[4*k+2]=_mm256_add_ps(sums[4*k+2],_mm256_and_ps(m,d));
        sums[4*k+3]=_mm256_add_ps(sums[4*k+3],_mm256_and_ps(m,one));
        cl2=_mm256_add_ps(cl2,one);
      }
    }
    double t1=now(); if(t1-t0<best_t)best_t=t1-t0;
    float tmp[8]; _mm256_storeu_ps(tmp,sums[0]); sink+=tmp[0]+lab[n/2];
  }
  double cyc=best_t*ghz*1e9/((n/8.0)*K);
  printf("n=%d K=%d: %.3f ms one thread, %.1f cycles per cluster and vector at %.2f GHz (sink %g)\n",n,K,best_t*1e3,cyc,ghz,sink);
  return 0;}
