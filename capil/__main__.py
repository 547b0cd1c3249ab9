from capil.cli import main

main()
